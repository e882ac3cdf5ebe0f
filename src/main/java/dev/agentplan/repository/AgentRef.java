package dev.agentplan.repository;

/**
 * A reference to a version: {@code name} (the latest), {@code name@3} (a version number),
 * {@code name@prod} (a tag) or {@code name@latest}.
 *
 * @param version the version number, or null
 * @param tag the tag, or null; both null means the latest version
 */
public record AgentRef(String name, Integer version, String tag) {

    public static AgentRef parse(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new RepositoryException("empty agent reference: use name, name@<version> or name@<tag>");
        }
        String text = ref.strip();
        int at = text.indexOf('@');
        if (at < 0) {
            return new AgentRef(Names.checkAgentName(text), null, null);
        }
        String name = Names.checkAgentName(text.substring(0, at));
        String selector = text.substring(at + 1);
        if (selector.isEmpty() || selector.equals(Names.LATEST)) {
            return new AgentRef(name, null, null);
        }
        if (selector.chars().allMatch(Character::isDigit)) {
            int version = parseVersion(selector, ref);
            return new AgentRef(name, version, null);
        }
        return new AgentRef(name, null, Names.checkTag(selector));
    }

    private static int parseVersion(String digits, String ref) {
        try {
            int version = Integer.parseInt(digits);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // too large: reported below
        }
        throw new RepositoryException("invalid version in '" + ref + "': versions are numbered from 1");
    }

    public boolean isLatest() {
        return version == null && tag == null;
    }

    @Override
    public String toString() {
        return version != null ? name + "@" + version : tag != null ? name + "@" + tag : name;
    }
}
