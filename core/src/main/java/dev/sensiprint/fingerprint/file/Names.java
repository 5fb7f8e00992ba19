package dev.sensiprint.fingerprint.file;

/** Shows untrusted text in a one-line message: quoted, escaped, shortened. */
final class Names {

    private static final int MAX_SHOWN = 80;

    private Names() {}

    /** {@code "text"} with control and non-ASCII characters escaped, at most 80 characters. */
    static String quote(String text) {
        return "\"" + oneLine(text) + "\"";
    }

    /** The text with control and non-ASCII characters escaped, at most 80 characters. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        int i = 0;
        for (; i < text.length() && s.length() < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return i < text.length() ? s + "..." : s.toString();
    }
}
