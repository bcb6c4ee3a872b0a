package dev.meridian.exchange.bybit.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FieldNamesTest {
    private static final JsonFactory JSON = new JsonFactory();

    /** The names of a flat object's fields, read through {@code names}. */
    private static List<String> read(FieldNames names, String json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            String name = null;
            while ((name = names.next(p, name)) != null) {
                out.add(name);
                p.nextToken();
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        }
        return out;
    }

    @Test
    void returnsTheNamesInTheInputWhateverWasLearned() throws IOException {
        FieldNames names = new FieldNames();
        assertThat(read(names, "{\"a\":1,\"b\":2,\"c\":3}")).containsExactly("a", "b", "c");
        assertThat(read(names, "{\"a\":1,\"b\":2,\"c\":3}")).containsExactly("a", "b", "c");
        assertThat(read(names, "{\"c\":1,\"a\":2}")).containsExactly("c", "a");
        assertThat(read(names, "{\"a\":1,\"c\":2,\"b\":3,\"d\":4}")).containsExactly("a", "c", "b", "d");
        assertThat(read(names, "{}")).isEmpty();
        assertThat(read(names, "{\"a\":1,\"b\":2,\"c\":3}")).containsExactly("a", "b", "c");
    }

    @Test
    void aGuessThatIsAPrefixOrAnEscapedFormOfTheNameIsAMiss() throws IOException {
        FieldNames names = new FieldNames();
        read(names, "{\"a\":1,\"ts\":2}");
        assertThat(read(names, "{\"a\":1,\"tsx\":2}")).containsExactly("a", "tsx");
        read(names, "{\"a\":1,\"ts\":2}");
        assertThat(read(names, "{\"a\":1,\"t\":2}")).containsExactly("a", "t");
        read(names, "{\"a\":1,\"ts\":2}");
        assertThat(read(names, "{\"a\":1,\"t\\u0073\":2}")).containsExactly("a", "ts");
    }

    @Test
    void everNewNamesStillReadAfterLearningStops() throws IOException {
        FieldNames names = new FieldNames();
        for (int i = 0; i < 1_000; i++) {
            assertThat(read(names, "{\"k" + i + "\":1,\"x" + i + "\":2}")).containsExactly("k" + i, "x" + i);
        }
    }
}
