package dev.textbridge.mappings.crm;

import dev.textbridge.mappings.model.Direction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text written into a field, with {@code {placeholders}} naming {@link ActivityAttribute}s, one per direction:
 * {@code Inbound SMS from {customer-number}}. A number that is not known reads "an unknown number".
 */
public record TextTemplate(String inbound, String outbound) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    public TextTemplate {
        Objects.requireNonNull(inbound, "inbound");
        Objects.requireNonNull(outbound, "outbound");
    }

    /** The placeholders in the text that name no attribute a template may use; empty when all are fine. */
    static List<String> unknownPlaceholders(String text) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            ActivityAttribute attribute = ActivityAttribute.fromWireName(matcher.group(1));
            if (attribute == null || !attribute.isPlaceholder()) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }

    public String render(ActivityFacts facts) {
        String text = facts.direction() == Direction.INBOUND ? inbound : outbound;
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            ActivityAttribute attribute = ActivityAttribute.fromWireName(matcher.group(1));
            String value = facts.value(attribute);
            if (value == null) {
                value = attribute == ActivityAttribute.CUSTOMER_NUMBER || attribute == ActivityAttribute.BUSINESS_NUMBER
                        ? "an unknown number" : "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The text before the first placeholder, which every activity of that direction starts with. */
    public String fixedStart(Direction direction) {
        String text = direction == Direction.INBOUND ? inbound : outbound;
        Matcher matcher = PLACEHOLDER.matcher(text);
        return matcher.find() ? text.substring(0, matcher.start()) : text;
    }
}
