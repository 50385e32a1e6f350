package dev.textbridge.connector.routing;

import java.util.Objects;

/** Who owns a business number: one user, or a team. */
public record Seller(Kind kind, String id) {

    public enum Kind { USER, TEAM }

    public Seller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Seller user(String id) {
        return new Seller(Kind.USER, id);
    }

    public static Seller team(String id) {
        return new Seller(Kind.TEAM, id);
    }

    public boolean isTeam() {
        return kind == Kind.TEAM;
    }
}
