package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK, unmodified, pointed at the gateway. */
class OpenAiSdkTest extends GatewayTestBase {

    OpenAIClient client;

    @BeforeEach
    void sdk() throws Exception {
        client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(clientKey()).maxRetries(0).build();
    }

    @Test
    void nonStreamingChat() {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("openai/gpt-5.4").addUserMessage("Why do lighthouses use different flash patterns?").build());
        assertThat(c.model()).isEqualTo("openai/gpt-5.4");
        assertThat(c.choices().get(0).message().content()).hasValueSatisfying(s -> assertThat(s).contains("lighthouse"));
        assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(38);
    }

    @Test
    void streamingChat() {
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-text.sse"), 5));
        StringBuilder text = new StringBuilder();
        List<String> models = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("openai/gpt-5.4").addUserMessage("hi").build())) {
            s.stream().forEach(chunk -> {
                models.add(chunk.model());
                chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isNotBlank();
        assertThat(models).isNotEmpty().allMatch("openai/gpt-5.4"::equals);
    }

    @Test
    void streamingToolCalls() {
        UPSTREAM.answer(r -> new MockUpstream.Sse(Fixtures.sseEvents("openai/chat-stream-tools.sse"), 0));
        List<String> names = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("openai/gpt-5.4").addUserMessage("tide?").build())) {
            s.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().toolCalls().ifPresent(
                    calls -> calls.forEach(tc -> tc.function().flatMap(f -> f.name()).ifPresent(names::add)))));
        }
        assertThat(names).containsExactly("lookup_tide", "convert_speed");
    }

    @Test
    void embeddings() {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/embeddings.response.json")));
        CreateEmbeddingResponse e = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("openai/text-embedding-3-small").input("harbour pilot").build());
        assertThat(e.model()).isEqualTo("openai/text-embedding-3-small");
        assertThat(e.data()).hasSize(2);
    }

    @Test
    void unknownModelRaisesTheSdksNotFound() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("openai/nope").addUserMessage("hi").build())).isInstanceOf(NotFoundException.class);
    }
}
