package dev.arouter.ingress;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gemini SDKs put the model in the path, and our model ids carry a slash that clients send
 * %2F-encoded ({@code /v1beta/models/openai%2Fgpt-5.4:generateContent}). Tomcat rejects an
 * encoded slash by default; here it is decoded, and {@link ReadGeminiRequest} parses the model
 * from the rest of the path either way.
 */
@Configuration
public class GeminiPathSupport {

    @Bean
    TomcatConnectorCustomizer decodeEncodedSlash() {
        return connector -> connector.setEncodedSolidusHandling("decode");
    }
}
