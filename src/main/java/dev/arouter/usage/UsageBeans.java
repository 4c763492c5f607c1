package dev.arouter.usage;

import java.util.concurrent.TimeUnit;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class UsageBeans {

    /** Collects usage rows into one list per batch for {@code sql:...?batch=true}. */
    @Bean("usageBatches")
    GroupedBodyAggregationStrategy usageBatches() {
        return new GroupedBodyAggregationStrategy();
    }

    /** The in-memory queue between the usage tap and the usage route ({@code seda:usage?queue=#usageQueue}). */
    @Bean("usageQueue")
    LingerQueue<Object> usageQueue(@Value("${arouter.usage.queue-capacity:200000}") int capacity,
                                   @Value("${arouter.usage.linger-ms:20}") long lingerMs) {
        return new LingerQueue<>(capacity, lingerMs, TimeUnit.MILLISECONDS);
    }
}
