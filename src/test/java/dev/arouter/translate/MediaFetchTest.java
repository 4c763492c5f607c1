package dev.arouter.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arouter.ingress.GatewayException;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import dev.arouter.translate.ir.MediaSource;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Gemini takes images only inline: the gateway fetches image URLs, safely. */
class MediaFetchTest extends GatewayTestBase {

    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Test
    void anImageUrlIsFetchedAndInlinedForGemini() throws Exception {
        UPSTREAM.answer(r -> r.method().equals("GET")
                ? new MockUpstream.Raw(200, "image/png", PNG)
                : new MockUpstream.Json(200, Fixtures.text("gemini/generate-text.response.json")));
        String image = UPSTREAM.rootUrl() + "/images/lighthouse.png";
        HttpResponse<String> r = chat("""
                {"model":"google/gemini-2.5-flash","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is this?"},
                  {"type":"image_url","image_url":{"url":"%s"}}]}]}""".formatted(image));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(UPSTREAM.received).anyMatch(x -> x.method().equals("GET") && x.path().equals("/images/lighthouse.png"));
        MockUpstream.Received call = UPSTREAM.last();
        assertThat(call.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        JsonNode inline = null;
        for (JsonNode part : json(call.body()).at("/contents/0/parts")) if (part.has("inlineData")) inline = part.get("inlineData");
        assertThat(inline).isNotNull();
        assertThat(inline.get("mimeType").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(inline.get("data").asText())).isEqualTo(PNG);
    }

    @Test
    void privateAndLoopbackAddressesAreRefused() {
        MediaFetcher guarded = new MediaFetcher(1024, false);
        for (String url : new String[] {"http://127.0.0.1:9/x.png", "http://10.1.2.3/x.png", "http://169.254.169.254/latest",
                "http://[::1]/x.png", "file:///etc/passwd"}) {
            assertThatThrownBy(() -> guarded.inline(MediaSource.url(url, null))).as(url)
                    .isInstanceOf(GatewayException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void mediaOverTheSizeCapIsRefused() {
        UPSTREAM.answer(r -> new MockUpstream.Raw(200, "image/png", new byte[4096]));
        MediaFetcher small = new MediaFetcher(1024, true);
        assertThatThrownBy(() -> small.inline(MediaSource.url(UPSTREAM.rootUrl() + "/big.png", null)))
                .isInstanceOf(GatewayException.class).hasMessageContaining("larger than");
    }
}
