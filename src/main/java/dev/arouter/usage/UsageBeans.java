package dev.arouter.usage;

import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class UsageBeans {

    /** Collects usage rows into one list per batch for {@code sql:...?batch=true}. */
    @Bean("usageBatches")
    GroupedBodyAggregationStrategy usageBatches() {
        return new GroupedBodyAggregationStrategy();
    }
}
