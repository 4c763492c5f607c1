package dev.arouter.translate.ir;

import java.util.Locale;

/**
 * Where the bytes of an image, document or audio part live.
 *
 * @param kind      inline base64, a public http(s) URL, or a provider-private file reference
 * @param mediaType MIME type such as {@code image/png}; may be null for URLs of unknown type
 * @param data      base64 payload without a {@code data:} prefix (INLINE only)
 * @param url       the URL (URL) or file id / Files-API URI (FILE)
 * @param owner     for FILE references, the family that issued the handle (it only works there)
 */
public record MediaSource(Kind kind, String mediaType, String data, String url, Family owner) {

    public enum Kind { INLINE, URL, FILE }

    public static MediaSource inline(String mediaType, String base64) {
        return new MediaSource(Kind.INLINE, mediaType, base64, null, null);
    }

    public static MediaSource url(String url, String mediaType) {
        return new MediaSource(Kind.URL, mediaType, null, url, null);
    }

    public static MediaSource file(Family owner, String idOrUri, String mediaType) {
        return new MediaSource(Kind.FILE, mediaType, null, idOrUri, owner);
    }

    /** Parses {@code data:<mime>;base64,<payload>}; any other string is taken as a URL. */
    public static MediaSource fromUrlOrDataUrl(String s) {
        if (s != null && s.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = s.indexOf(',');
            if (comma > 0) {
                String meta = s.substring(5, comma);
                int semi = meta.indexOf(';');
                String mime = semi >= 0 ? meta.substring(0, semi) : meta;
                return inline(mime.isEmpty() ? null : mime.toLowerCase(Locale.ROOT), s.substring(comma + 1));
            }
        }
        return url(s, null);
    }

    /** The OpenAI-style data URL for an inline source. */
    public String toDataUrl() {
        return "data:" + (mediaType == null ? "application/octet-stream" : mediaType) + ";base64," + data;
    }

    public boolean isInline() { return kind == Kind.INLINE; }
}
