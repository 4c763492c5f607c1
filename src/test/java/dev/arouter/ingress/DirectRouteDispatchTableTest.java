package dev.arouter.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The dispatch table takes only what Spring MVC's matching would give the same consumer. */
class DirectRouteDispatchTableTest {

    final PlatformHttpComponent component = new PlatformHttpComponent();
    final List<HttpEndpointModel> models = new ArrayList<>();

    DirectRouteDispatchTableTest() {
        component.setCamelContext(new DefaultCamelContext());
    }

    SpringBootPlatformHttpConsumer route(String path, String methods, boolean prefix) {
        PlatformHttpEndpoint endpoint = new PlatformHttpEndpoint("platform-http:" + path, path, component);
        endpoint.setHttpMethodRestrict(methods);
        endpoint.setMatchOnUriPrefix(prefix);
        SpringBootPlatformHttpConsumer consumer = new SpringBootPlatformHttpConsumer(endpoint, exchange -> { }, Runnable::run);
        models.add(new HttpEndpointModel(path, methods, null, null, consumer));
        return consumer;
    }

    DirectRouteDispatch.Table table() {
        return DirectRouteDispatch.Table.of(models);
    }

    @Test
    void literalPathsForTheirMethods() {
        var chat = route("/v1/chat/completions", "POST", false);
        var list = route("/api/v1/keys", "GET", false);
        var create = route("/api/v1/keys", "POST", false);
        var t = table();
        assertThat(t.consumerFor("POST", "/v1/chat/completions")).isSameAs(chat);
        assertThat(t.consumerFor("GET", "/api/v1/keys")).isSameAs(list);
        assertThat(t.consumerFor("POST", "/api/v1/keys")).isSameAs(create);
        assertThat(t.consumerFor("DELETE", "/api/v1/keys")).isNull();
        assertThat(t.consumerFor("POST", "/v1/chat/completions/x")).isNull();
    }

    @Test
    void aPrefixServesThePathsUnderIt() {
        var gemini = route("/v1beta/models", "POST", true);
        var t = table();
        assertThat(t.consumerFor("POST", "/v1beta/models")).isSameAs(gemini);
        assertThat(t.consumerFor("POST", "/v1beta/models/gemini-2.5-flash:generateContent")).isSameAs(gemini);
        assertThat(t.consumerFor("POST", "/v1beta/modelsX")).isNull();
        assertThat(t.consumerFor("GET", "/v1beta/models/x")).isNull();
    }

    @Test
    void aLiteralPathBeatsAPrefix() {
        var gemini = route("/v1/models", "POST", true);
        var special = route("/v1/models/special", "POST", false);
        var t = table();
        assertThat(t.consumerFor("POST", "/v1/models/special")).isSameAs(special);
        assertThat(t.consumerFor("POST", "/v1/models/other")).isSameAs(gemini);
    }

    @Test
    void prefixesAreLeftToSpringWhereATemplateOrANestedPrefixCouldClaimThePath() {
        route("/v1/models", "POST", true);
        route("/v1/models/{provider}/{model}", "GET", false); // another method: no matter
        assertThat(table().consumerFor("POST", "/v1/models/a/b")).isNotNull();

        route("/{provider}/{path}", "POST", false);
        assertThat(table().consumerFor("POST", "/v1/models/a")).isNull();
        assertThat(table().consumerFor("GET", "/v1/models/a/b")).isNull(); // templates are Spring's

        models.clear();
        route("/v1/models", "POST", true);
        route("/v1/models/tuned", "POST", true);
        assertThat(table().consumerFor("POST", "/v1/models/tuned/x")).isNull();
        assertThat(table().consumerFor("POST", "/v1/models/x")).isNull();
    }

    @Test
    void routesWithoutAMethodRestrictionOrWithContentNegotiationAreSprings() {
        route("/ops/ping", null, false);
        PlatformHttpEndpoint endpoint = new PlatformHttpEndpoint("platform-http:/typed", "/typed", component);
        endpoint.setHttpMethodRestrict("POST");
        models.add(new HttpEndpointModel("/typed", "POST", "application/json", null,
                new SpringBootPlatformHttpConsumer(endpoint, exchange -> { }, Runnable::run)));
        var t = table();
        assertThat(t.consumerFor("GET", "/ops/ping")).isNull();
        assertThat(t.consumerFor("POST", "/typed")).isNull();
    }
}
