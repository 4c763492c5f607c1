package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.translate.ir.Family;
import org.junit.jupiter.api.Test;

/** Which SDK's error shape a path gets when no route has read the request. */
class ErrorBodiesTest {

    @Test
    void aPathBelongsToTheApiWhoseSdksCallIt() {
        assertThat(ErrorBodies.familyOfPath("/v1/messages")).isEqualTo(Family.ANTHROPIC);
        assertThat(ErrorBodies.familyOfPath("/v1/messages/count_tokens")).isEqualTo(Family.ANTHROPIC);
        assertThat(ErrorBodies.familyOfPath("/v1beta/models")).isEqualTo(Family.GEMINI);
        assertThat(ErrorBodies.familyOfPath("/v1/models/anthropic/claude-sonnet-4.6:streamGenerateContent"))
                .isEqualTo(Family.GEMINI);
        assertThat(ErrorBodies.familyOfPath("/v1/models/google/gemini-2.5-flash:countTokens")).isEqualTo(Family.GEMINI);
        // OpenAI's: everything else, a fine-tuned model id's colons included
        assertThat(ErrorBodies.familyOfPath("/v1/models/openai/ft:gpt-4o:acme::a1b2")).isEqualTo(Family.OPENAI);
        assertThat(ErrorBodies.familyOfPath("/v1/messagesX")).isEqualTo(Family.OPENAI);
        assertThat(ErrorBodies.familyOfPath("/v1/chat/completions")).isEqualTo(Family.OPENAI);
        assertThat(ErrorBodies.familyOfPath(null)).isEqualTo(Family.OPENAI);
    }
}
