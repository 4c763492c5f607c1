package dev.arouter.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arouter.testing.Fixtures;
import dev.arouter.testing.GatewayTestBase;
import dev.arouter.testing.MockUpstream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A usage database that cannot take writes for a while (a restart, a failover) costs no usage row:
 * the batch is retried with back-off on the usage route, and the requests themselves never notice.
 */
class UsageOutageTest extends GatewayTestBase {

    @Test
    void rowsOfRequestsMadeDuringAnOutageAreWrittenWhenItEnds() throws Exception {
        UPSTREAM.answer(r -> new MockUpstream.Json(200, Fixtures.text("openai/chat-text.response.json")));
        List<String> ids = new ArrayList<>();
        jdbc.execute("alter table usage_records rename to usage_records_away");
        try {
            for (int i = 0; i < 10; i++) {
                var r = chat("{\"model\":\"openai/gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(r.statusCode()).isEqualTo(200);
                ids.add(r.headers().firstValue("X-Request-Id").orElseThrow());
            }
            Thread.sleep(1200); // the batches of these rows have failed at least once by now
        } finally {
            jdbc.execute("alter table usage_records_away rename to usage_records");
        }
        for (String id : ids) assertThat(usageRow(id)).isNotEmpty(); // retried 0.5, 1, 2, 4 s after
    }
}
