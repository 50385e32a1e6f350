package dev.textbridge.connector.panel;

import dev.textbridge.connector.support.Browser;
import dev.textbridge.connector.support.BrowserTest;
import dev.textbridge.mappings.model.SegmentCount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panel's live segment counter (segments.js, run in the browser) and the connector's {@link SegmentCount} (which
 * the API answers after sending) agree on every body of a table: the cost a seller sees before sending is the cost
 * the connector reports.
 */
@BrowserTest
class SegmentCounterBrowserTest {

    private static final List<String> BODIES = List.of(
            "",
            "Hi Dana",
            "a".repeat(160),
            "a".repeat(161),
            "a".repeat(306),
            "a".repeat(307),
            "€".repeat(80),
            "€".repeat(81),
            "a".repeat(152) + "€",
            "a".repeat(159) + "[",
            "Ça va? Ñandú, ¿qué tal? àèéìòù",
            "Ça va? 🙂",
            "ł".repeat(70),
            "ł".repeat(71),
            "ł".repeat(134),
            "ł".repeat(135),
            "🙂".repeat(35),
            "🙂".repeat(36),
            "ł".repeat(66) + "🙂" + "ł".repeat(10),
            "ł".repeat(67) + "🙂🙂",
            "Line one\nLine two\r\n{braces} ~tilde~ |pipe| \\back\\ ^caret^",
            "A lone surrogate \uD83D here",
            "Καλημέρα",
            "ΔΦΓΛΩΠΨΣΘΞ are in GSM-7");

    @LocalServerPort
    int port;

    static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start("en-US");
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    @Test
    void theBrowserCountsSegmentsExactlyAsTheConnectorDoes() {
        browser.get("http://localhost:" + port + "/panel/");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> counted = (List<Map<String, Object>>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/panel/segments.js').then(m => done(%s.map(body => m.segmentCount(body))),
                                                  e => done(String(e)));""".formatted(jsArray(BODIES)));

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < BODIES.size(); i++) {
            SegmentCount java = SegmentCount.of(BODIES.get(i));
            Map<String, Object> js = counted.get(i);
            String expected = java.encoding().wireName() + "/" + java.segments() + "/" + java.units();
            String actual = js.get("encoding") + "/" + js.get("segments") + "/" + js.get("units");
            if (!expected.equals(actual)) {
                disagreements.add("body #" + i + ": Java " + expected + ", browser " + actual);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(counted).hasSize(BODIES.size());
    }

    /** The bodies as a JavaScript literal, every UTF-16 unit escaped, so lone surrogates reach the browser intact. */
    private static String jsArray(List<String> bodies) {
        StringBuilder js = new StringBuilder("[");
        for (String body : bodies) {
            js.append(js.length() > 1 ? ", '" : "'");
            body.chars().forEach(c -> js.append(String.format("\\u%04x", c)));
            js.append("'");
        }
        return js.append("]").toString();
    }
}
