package dev.textbridge.crm.salesforce.internal;

import com.sforce.ws.bind.XmlObject;
import dev.textbridge.crm.api.RecordRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading Partner API records (salesforce-wsc's generic XML objects) as plain values. */
public final class Records {

    private Records() {
    }

    public static String text(XmlObject record, String field) {
        Object value = record.getField(field);
        return value == null ? null : value.toString();
    }

    public static boolean bool(XmlObject record, String field) {
        return Boolean.parseBoolean(text(record, field));
    }

    public static Instant instant(XmlObject record, String field) {
        String value = text(record, field);
        return value == null ? null : Instant.parse(value);
    }

    /** The parent record of a relationship ({@code Opportunity} of an OpportunityContactRole), if any. */
    public static Optional<XmlObject> parent(XmlObject record, String relationship) {
        XmlObject child = record.getChild(relationship);
        return child == null || !child.hasChildren() ? Optional.empty() : Optional.of(child);
    }

    /** The records of a parent-to-child subquery ({@code (SELECT ... FROM Opportunities)}); empty when none. */
    public static List<XmlObject> children(XmlObject record, String relationship) {
        XmlObject result = record.getChild(relationship);
        List<XmlObject> children = new ArrayList<>();
        if (result != null) {
            for (Iterator<XmlObject> it = result.getChildren("records"); it.hasNext(); ) {
                children.add(it.next());
            }
        }
        return children;
    }

    /**
     * Maps the ids Salesforce answers with (18 characters) back to the ids asked for, which may be the 15-character
     * form of the same record.
     */
    public static <K> Function<String, K> askedFor(Collection<K> asked, Function<K, String> idOf) {
        Map<String, K> byId = asked.stream().collect(Collectors.toMap(idOf, k -> k, (a, b) -> a));
        return answered -> {
            K exact = byId.get(answered);
            if (exact != null || answered == null || answered.length() != 18) {
                return exact;
            }
            return byId.get(answered.substring(0, 15));
        };
    }

    public static Function<String, RecordRef> refsAskedFor(Collection<RecordRef> asked) {
        return askedFor(asked, RecordRef::id);
    }
}
