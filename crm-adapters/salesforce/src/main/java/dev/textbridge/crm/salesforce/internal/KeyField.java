package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.IError;

import java.util.Arrays;

/**
 * The custom field {@value #NAME} that makes lead creation idempotent: a unique, external-id text field on Lead that
 * the setup kit defines (and on Activity, where the activity mapping names it as the key field). A second create with
 * a key already there fails with {@code DUPLICATE_VALUE}, and the adapter answers the record that holds it.
 */
public final class KeyField {

    public static final String NAME = "Textbridge_Key__c";
    public static final int MAX_LENGTH = 255;

    private KeyField() {
    }

    /** Whether a create failed because the key is already on a record. */
    public static boolean isDuplicateKey(IError error) {
        return isDuplicateKey(error, NAME);
    }

    /** Whether a create failed because the value of that key field is already on a record. */
    public static boolean isDuplicateKey(IError error, String field) {
        return error.getStatusCode() != null && "DUPLICATE_VALUE".equals(error.getStatusCode().name())
                && (Arrays.asList(error.getFields()).contains(field)
                || (error.getMessage() != null && error.getMessage().contains(field)));
    }

    public static String code(IError error) {
        return error.getStatusCode() == null ? "UNKNOWN" : error.getStatusCode().name();
    }
}
