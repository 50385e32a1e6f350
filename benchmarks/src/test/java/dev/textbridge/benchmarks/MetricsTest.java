package dev.textbridge.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reading /actuator/prometheus, and percentiles from the buckets observed between two scrapes. */
class MetricsTest {

    private static final String BEFORE = """
            # HELP textbridge_crm_api_calls CRM adapter calls
            # TYPE textbridge_crm_api_calls gauge
            textbridge_crm_api_calls 12.0
            textbridge_webhook_callbacks_total{kind="inbound",outcome="stored",provider="twilio"} 100.0
            textbridge_webhook_callbacks_total{kind="inbound",outcome="repeat",provider="twilio"} 3.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.1"} 10.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.2"} 10.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.25"} 10.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.4"} 10.0
            textbridge_inbound_end_to_end_seconds_bucket{le="+Inf"} 10.0
            textbridge_inbound_end_to_end_seconds_count 10.0
            """;

    private static final String AFTER = """
            textbridge_crm_api_calls 15.0
            textbridge_webhook_callbacks_total{kind="inbound",outcome="stored",provider="twilio"} 200.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.1"} 10.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.2"} 60.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.25"} 90.0
            textbridge_inbound_end_to_end_seconds_bucket{le="0.4"} 110.0
            textbridge_inbound_end_to_end_seconds_bucket{le="+Inf"} 110.0
            textbridge_inbound_end_to_end_seconds_count 110.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
            """;

    @Test
    void readsSamplesBySubsetOfLabels() {
        Metrics before = Metrics.parse(BEFORE);
        Metrics after = Metrics.parse(AFTER);

        assertThat(after.sum("textbridge_crm_api_calls") - before.sum("textbridge_crm_api_calls")).isEqualTo(3.0);
        assertThat(before.sum("textbridge_webhook_callbacks_total", "outcome", "stored")).isEqualTo(100.0);
        assertThat(before.sum("textbridge_webhook_callbacks_total")).isEqualTo(103.0);
        assertThat(after.sum("jvm_memory_used_bytes", "area", "heap")).isEqualTo(3145728.0);
        assertThat(after.sum("no_such_metric")).isZero();
    }

    @Test
    void percentilesComeFromTheObservationsBetweenTheScrapesOnly() {
        var before = Metrics.parse(BEFORE).buckets("textbridge_inbound_end_to_end_seconds");
        var after = Metrics.parse(AFTER).buckets("textbridge_inbound_end_to_end_seconds");

        // 100 new observations: 50 in (0.1, 0.2], 30 in (0.2, 0.25], 20 in (0.25, 0.4].
        assertThat(Metrics.quantileBetween(before, after, 0.5)).isCloseTo(0.2, within(1e-9));
        assertThat(Metrics.quantileBetween(before, after, 0.25)).isCloseTo(0.15, within(1e-9));
        assertThat(Metrics.quantileBetween(before, after, 0.9)).isCloseTo(0.325, within(1e-9));
        assertThat(Metrics.fractionAtMost(before, after, 0.25)).isCloseTo(0.8, within(1e-9));
        assertThat(Metrics.quantileBetween(after, after, 0.5)).isNaN();
    }
}
