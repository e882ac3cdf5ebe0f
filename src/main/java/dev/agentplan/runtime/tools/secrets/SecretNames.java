package dev.agentplan.runtime.tools.secrets;

import java.util.regex.Pattern;

/** What a secret's name may be: letters, digits, {@code _ . -}, starting with a letter or {@code _}; at most 128 characters. */
public final class SecretNames {

    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

    private SecretNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
