package dev.arouter.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KeySecretsTest {

    @Test
    void hashIsLowerCaseHexSha256OfTheUtf8() throws Exception {
        assertThat(KeySecrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(KeySecrets.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (String s : List.of(KeySecrets.newSecret(), "lr_live_é😀", "x".repeat(1000))) {
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
            assertThat(KeySecrets.hash(s)).isEqualTo(expected).isEqualTo(KeySecrets.hash(s));
        }
    }

    @Test
    void hashIsSafeFromManyThreads() {
        String secret = KeySecrets.newSecret();
        String expected = KeySecrets.hash(secret);
        var seen = ConcurrentHashMap.<String>newKeySet();
        IntStream.range(0, 20_000).parallel().forEach(i -> seen.add(KeySecrets.hash(secret)));
        assertThat(seen).containsExactly(expected);
    }
}
