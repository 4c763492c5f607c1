package dev.arouter.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generates key secrets and hashes them; the only place that sees a secret in clear. */
public final class KeySecrets {

    public static final String PREFIX = "lr_live_";
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** Never updated, only cloned: the clones start from its empty state. */
    private static final MessageDigest SHA_256 = newSha256();

    private KeySecrets() {
    }

    /** A new secret: {@code lr_live_} and 40 base-62 characters (about 238 random bits). */
    public static String newSecret() {
        return PREFIX + random(40);
    }

    public static String newId() {
        return "key_" + random(20);
    }

    static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return sb.toString();
    }

    /** SHA-256 of the secret's UTF-8, in lower-case hex: what {@code api_keys.key_hash} holds. */
    public static String hash(String secret) {
        return HEX.formatHex(sha256().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh digest, cloned from one made at start-up (cheaper than a provider look-up per call). */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What may be shown of a key after creation: {@code lr_live_} and its first 4 random characters. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), PREFIX.length() + 4));
    }
}
