package dev.textbridge.mappings.model;

import java.util.Objects;

/** A media item (MMS) of a message: where the provider keeps it and its content type. */
public record MediaAttachment(String url, String contentType) {
    public MediaAttachment {
        Objects.requireNonNull(url, "url");
    }
}
