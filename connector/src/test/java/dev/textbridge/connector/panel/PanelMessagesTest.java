package dev.textbridge.connector.panel;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text the panel shows exists in English and in Spanish. */
class PanelMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bothBundlesHoldTheSameTextsAndEveryTextThePanelNames() throws IOException {
        Set<String> english = bundle("en");
        Set<String> spanish = bundle("es");
        assertThat(spanish).as("the Spanish bundle has exactly the English keys").isEqualTo(english);

        Set<String> named = new TreeSet<>();
        collect(read("static/panel/panel.js"), Pattern.compile("\\b(?:t|plural)\\('([\\w.]+)'"), named);
        collect(read("static/panel/index.html"), Pattern.compile("data-i18n(?:-label|-placeholder)?=\"([\\w.]+)\""), named);
        named.remove("counter"); // a plural: counter.one, counter.other
        named.addAll(Set.of("counter.one", "counter.other"));
        // Keys the panel builds from what the API answers.
        for (String status : new String[]{"queued", "sent", "delivered", "undelivered", "failed", "read"}) {
            named.add("status." + status);
        }
        for (String type : new String[]{"contact", "account", "opportunity", "lead"}) {
            named.add("recordTypes." + type);
        }
        named.add("direction.inbound");
        named.add("direction.outbound");
        assertThat(named).hasSizeGreaterThan(40);
        assertThat(english).containsAll(named);
    }

    private static Set<String> bundle(String language) throws IOException {
        Map<?, ?> messages = JSON.readValue(read("static/panel/i18n/" + language + ".json"), Map.class);
        Set<String> keys = new TreeSet<>();
        messages.keySet().forEach(k -> keys.add(k.toString()));
        return keys;
    }

    private static void collect(String text, Pattern pattern, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static String read(String path) throws IOException {
        return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
    }
}
