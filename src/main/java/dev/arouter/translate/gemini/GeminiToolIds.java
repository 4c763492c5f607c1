package dev.arouter.translate.gemini;

/**
 * Gemini function calls have no ids. When Gemini output is shown to OpenAI/Anthropic clients the
 * gateway synthesizes stable ids {@code call_<scope>_<n>}; when the call carried a Gemini 3
 * {@code thoughtSignature}, the signature is appended as {@code _ts_<base64url>} so that it comes
 * back with the client's next request (clients echo tool-call ids) and can be restored on the
 * same functionCall part without gateway-side state (the approach LiteLLM takes). The id stays
 * within Anthropic's {@code ^[a-zA-Z0-9_-]+$}.
 */
public final class GeminiToolIds {
    static final String PREFIX = "call_";
    private static final String SIG_MARK = "_ts_";

    private GeminiToolIds() {}

    /** @param scope e.g. the responseId; characters other than [A-Za-z0-9] are dropped */
    public static String synthesize(String scope, int n, String thoughtSignature) {
        String s = scope == null ? "" : alphanumeric(scope);
        if (thoughtSignature == null || thoughtSignature.isEmpty()) return PREFIX + "g" + s + "_" + n;
        return PREFIX + "g" + s + "_" + n + SIG_MARK + base64Url(thoughtSignature);
    }

    /** Base64 to unpadded base64url in one pass: {@code +} → {@code -}, {@code /} → {@code _}, {@code =} dropped. */
    private static String base64Url(String b64) {
        int i = 0;
        while (i < b64.length() && b64.charAt(i) != '+' && b64.charAt(i) != '/' && b64.charAt(i) != '=') i++;
        if (i == b64.length()) return b64;
        StringBuilder sb = new StringBuilder(b64.length()).append(b64, 0, i);
        for (; i < b64.length(); i++) {
            char c = b64.charAt(i);
            if (c == '+') sb.append('-');
            else if (c == '/') sb.append('_');
            else if (c != '=') sb.append(c);
        }
        return sb.toString();
    }

    /** {@code s} without the characters other than [A-Za-z0-9]; {@code s} itself when it has none. */
    private static String alphanumeric(String s) {
        int i = 0;
        while (i < s.length() && isAlphanumeric(s.charAt(i))) i++;
        if (i == s.length()) return s;
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isAlphanumeric(c)) sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The thoughtSignature carried by a synthesized id, or null. */
    public static String signatureFromId(String id) {
        if (id == null || !id.startsWith(PREFIX + "g")) return null;
        int at = id.indexOf(SIG_MARK);
        if (at < 0) return null;
        String b = id.substring(at + SIG_MARK.length()).replace('-', '+').replace('_', '/');
        int pad = (4 - b.length() % 4) % 4;
        return b + "=".repeat(pad == 3 ? 0 : pad);
    }

    /** True for ids this class made up (not worth echoing to Gemini clients). */
    public static boolean isSynthetic(String id) {
        return id != null && id.startsWith(PREFIX + "g");
    }
}
