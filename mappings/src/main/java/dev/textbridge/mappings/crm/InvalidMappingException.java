package dev.textbridge.mappings.crm;

/** A mapping that cannot work, with the YAML path of what is wrong: {@code links.lead: missing ...}. */
public final class InvalidMappingException extends IllegalArgumentException {

    private final String source;
    private final String path;

    InvalidMappingException(String source, String path, String problem) {
        super(source + ": " + path + ": " + problem);
        this.source = source;
        this.path = path;
    }

    /** Where the mapping was read from, e.g. {@code file:/etc/textbridge/salesforce-fields.yaml}. */
    public String source() {
        return source;
    }

    /** The YAML path of what is wrong, e.g. {@code templates.Subject.inbound}. */
    public String path() {
        return path;
    }
}
