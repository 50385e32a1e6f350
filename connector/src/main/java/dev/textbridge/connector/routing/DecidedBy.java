package dev.textbridge.connector.routing;

/** What settled a routing decision; its wire names are part of the admin API. */
public enum DecidedBy {
    SINGLE_CANDIDATE("single-candidate"),
    RULE_1("rule-1"),
    RULE_2("rule-2"),
    RULE_3("rule-3"),
    RULE_4("rule-4"),
    RULE_5("rule-5"),
    RULE_6("rule-6"),
    NEW_LEAD("new-lead"),
    UNROUTABLE("unroutable");

    private final String wireName;

    DecidedBy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DecidedBy rule(int number) {
        return valueOf("RULE_" + number);
    }

    public static DecidedBy fromWireName(String wireName) {
        for (DecidedBy value : values()) {
            if (value.wireName.equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown decision '" + wireName + "'");
    }
}
