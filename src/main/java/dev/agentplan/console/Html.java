package dev.agentplan.console;

/** HTML text escaping and the page frame every console page shares. */
final class Html {

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: the navigation, who is signed in, the CSRF token for the page's script. */
    static String page(String title, String active, String user, String csrf, String body) {
        StringBuilder out = new StringBuilder(4096 + body.length());
        out.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (csrf != null) {
            out.append("<meta name=\"csrf-token\" content=\"").append(esc(csrf)).append("\">");
        }
        out.append("<title>").append(esc(title)).append(" · agentplan console</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
                .append("<script src=\"/static/console.js\" defer></script></head><body>");
        out.append("<header><a class=\"brand\" href=\"/runs\">agentplan console</a><nav>");
        for (String[] item : new String[][] {{"runs", "/runs", "Runs"}, {"approvals", "/approvals", "Approvals"},
            {"definitions", "/definitions", "Definitions"}}) {
            out.append("<a href=\"").append(item[1]).append("\"").append(item[0].equals(active) ? " class=\"active\"" : "")
                    .append(">").append(item[2]).append("</a>");
        }
        out.append("</nav>");
        if (user != null) {
            out.append("<div class=\"who\">signed in as <strong id=\"me\">").append(esc(user)).append("</strong>");
            if (csrf != null) {
                out.append("<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"")
                        .append(esc(csrf)).append("\"><button type=\"submit\" class=\"link\">log out</button></form>");
            }
            out.append("</div>");
        }
        out.append("</header><main>").append(body).append("</main></body></html>");
        return out.toString();
    }
}
