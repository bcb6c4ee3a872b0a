package dev.meridian.config;

import dev.meridian.core.AssetClass;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimAllocationTest {
    private static JsonObject pctConf(Object simEquity) {
        JsonObject conf = Shipped.conf();
        conf.remove("asset_allocation_usd");
        conf.put("asset_allocation_pct", new JsonObject().put("SPOT", 0.85).put("OPTIONS", 0.05).put("PERP", 0.10).put("FOREX", 0.0));
        if (simEquity != null) conf.put("sim_equity_usd", simEquity);
        return conf;
    }

    @Test
    void fractionsTakeSharesOfTheSimulatedTotal() {
        ConfigResult r = Shipped.parse(pctConf(20000), Shipped.policies(), Map.of());
        assertThat(r.problems()).isEmpty();
        Allocation a = r.config().orElseThrow().allocation();
        assertThat(a).isInstanceOf(Allocation.FractionOfEquity.class);
        assertThat(a.usd(AssetClass.SPOT, ((Allocation.FractionOfEquity) a).simEquityUsd())).isEqualByComparingTo("17000");
        assertThat(a.usd(AssetClass.PERP, new BigDecimal("20000"))).isEqualByComparingTo("2000");
    }

    @Test
    void fractionsWithoutASimulatedTotalAreAProblemNamingTheField() {
        ConfigResult r = Shipped.parse(pctConf(null), Shipped.policies(), Map.of());
        assertThat(r.config()).isEmpty();
        assertThat(r.problems()).anyMatch(p -> p.contains("sim_equity_usd"));
        assertThat(Shipped.parse(pctConf(0), Shipped.policies(), Map.of()).problems())
                .anyMatch(p -> p.contains("sim_equity_usd") && p.contains("got 0"));
    }
}
