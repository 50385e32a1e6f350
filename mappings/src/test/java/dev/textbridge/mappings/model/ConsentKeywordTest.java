package dev.textbridge.mappings.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentKeywordTest {

    @ParameterizedTest(name = "\"{0}\" is the keyword {1}")
    @CsvSource(delimiter = '|', value = {
            "STOP|OPT_OUT", "stop|OPT_OUT", "  Stop  |OPT_OUT", "STOPALL|OPT_OUT", "unsubscribe|OPT_OUT", "Cancel|OPT_OUT",
            "END|OPT_OUT", "quit|OPT_OUT", "REVOKE|OPT_OUT", "OPTOUT|OPT_OUT", "opt out|OPT_OUT", "OPT  OUT|OPT_OUT",
            "START|OPT_IN", "yes|OPT_IN", "Unstop|OPT_IN", "HELP|HELP", "info|HELP"})
    void aWholeMessageThatIsAKeywordCounts(String body, ConsentKeyword keyword) {
        assertThat(ConsentKeyword.of(body)).contains(keyword);
    }

    @ParameterizedTest(name = "\"{0}\" is an ordinary text")
    @ValueSource(strings = {"Please stop calling me", "STOP!", "stop it", "", "   ", "STOPP", "help me"})
    void aKeywordInsideATextDoesNotCount(String body) {
        assertThat(ConsentKeyword.of(body)).isEmpty();
    }
}
