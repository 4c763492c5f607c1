package dev.arouter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cookie a provider sets on one call (e.g. a CDN's bot-management cookie) is never sent on the
 * next: provider calls of different keys and accounts share one connection pool, and one caller's
 * provider session must not ride along on another's request. Nor does it reach the client.
 */
class UpstreamCookiesTest extends GatewayTestBase {

    @Test
    void aProviderCookieIsNeitherReplayedNorForwarded() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json"),
                Map.of("Set-Cookie", "__cf_bm=tenant-a-session; Path=/; HttpOnly")));
        String body = """
                {"model":"openai/gpt-5.4","messages":[{"role":"user","content":"Why do lighthouses flash?"}]}""";

        HttpResponse<String> first = chat(body);
        UPSTREAM.received.clear();
        HttpResponse<String> second = chat(body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
        List<MockUpstream.Received> calls = List.copyOf(UPSTREAM.received);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).header("Cookie")).isNull();
    }
}
