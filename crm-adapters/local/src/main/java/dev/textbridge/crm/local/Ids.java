package dev.textbridge.crm.local;

import java.util.concurrent.ThreadLocalRandom;

/** Short random ids like {@code L-7K2QF9XA}; a clash fails the insert on the primary key and the batch runs again. */
final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 8;

    private Ids() {
    }

    static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
