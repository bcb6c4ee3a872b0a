package dev.meridian.risk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.AssetClass;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RailsSnapshotJsonTest {
    @Test
    void roundTripsExactly() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        RailsSnapshot s = new RailsSnapshot(Map.of(AssetClass.SPOT, new RailsSnapshot.LedgerState(new BigDecimal("14000.123456789012345"),
                new BigDecimal("13990.5"), 1_700_000_000_000L, 1_699_920_000_000L, new BigDecimal("14000"), true, 1_700_006_400_000L)));
        RailsSnapshot back = json.readValue(json.writeValueAsString(s), RailsSnapshot.class);
        assertThat(back).isEqualTo(s);
    }
}
