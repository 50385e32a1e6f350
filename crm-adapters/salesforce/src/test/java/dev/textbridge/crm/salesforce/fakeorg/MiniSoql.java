package dev.textbridge.crm.salesforce.fakeorg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The part of SOQL the adapter speaks, parsed for the fake org: {@code SELECT} fields, relationship paths
 * ({@code Opportunity.Name}) and parent-to-child subqueries, {@code FROM}, {@code WHERE} with AND / OR / NOT,
 * parentheses, {@code = != < <= > >=}, {@code IN}, {@code NOT IN}, {@code LIKE}, and string, boolean, null, number
 * and dateTime literals, then {@code ORDER BY} (with {@code ASC}, {@code DESC}, {@code NULLS FIRST|LAST}) and
 * {@code LIMIT}. String literals are unescaped as Salesforce does, so a statement the
 * adapter escaped wrongly fails to parse or matches the wrong rows here too.
 */
final class MiniSoql {

    /** A parsed statement. */
    record Query(List<Item> items, String from, Condition where, List<Order> orderBy, Integer limit) {
    }

    /** One ORDER BY key; Salesforce puts nulls first ascending and last descending unless told. */
    record Order(String path, boolean descending, boolean nullsFirst) {
    }

    /** A select item: a field path or a subquery. */
    record Item(String path, Query subquery) {
        boolean isSubquery() {
            return subquery != null;
        }
    }

    /** Resolves a field path on a row; the org knows how to follow relationships. */
    interface Resolver {
        String value(FakeOrg.Row row, String path);
    }

    /** A WHERE condition. */
    interface Condition {
        boolean test(FakeOrg.Row row, Resolver resolver);
    }

    static Query parse(String soql) {
        Parser parser = new Parser(tokenize(soql));
        Query query = parser.query();
        parser.expectEnd();
        return query;
    }

    /** A condition alone, as in a SOSL RETURNING object's WHERE. */
    static Condition parseCondition(String text) {
        Parser parser = new Parser(tokenize(text));
        Condition condition = parser.expression();
        parser.expectEnd();
        return condition;
    }

    /** A token; for a string literal, {@code raw} is what stood between the quotes, escapes and all. */
    private record Token(String text, boolean string, String raw) {
        Token(String text, boolean string) {
            this(text, string, text);
        }

        boolean is(String keyword) {
            return !string && text.equalsIgnoreCase(keyword);
        }
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                int rawStart = ++i;
                while (true) {
                    if (i >= text.length()) {
                        throw new MalformedQuery("unterminated string literal in: " + text);
                    }
                    char d = text.charAt(i);
                    if (d == '\\') {
                        char e = text.charAt(i + 1);
                        value.append(switch (e) {
                            case 'n' -> "\n";
                            case 'r' -> "\r";
                            case 't' -> "\t";
                            case 'b' -> "\b";
                            case 'f' -> "\f";
                            case '\'', '"', '\\' -> String.valueOf(e);
                            case '%', '_' -> "\\" + e;
                            default -> throw new MalformedQuery("invalid escape \\" + e + " in: " + text);
                        });
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                tokens.add(new Token(value.toString(), true, text.substring(rawStart, i - 1)));
            } else if ("(),".indexOf(c) >= 0) {
                tokens.add(new Token(String.valueOf(c), false));
                i++;
            } else if ("=<>!".indexOf(c) >= 0) {
                int start = i++;
                if (i < text.length() && text.charAt(i) == '=') {
                    i++;
                } else if (c == '<' && i < text.length() && text.charAt(i) == '>') {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), false));
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "(),=<>!'".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), false));
            }
        }
        return tokens;
    }

    static final class MalformedQuery extends RuntimeException {
        MalformedQuery(String message) {
            super(message);
        }
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int position;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Query query() {
            expect("SELECT");
            List<Item> items = new ArrayList<>();
            do {
                if (peekIs("(")) {
                    next();
                    items.add(new Item(null, query()));
                    expect(")");
                } else {
                    items.add(new Item(identifier(), null));
                }
            } while (accept(","));
            expect("FROM");
            String from = identifier();
            Condition where = accept("WHERE") ? expression() : null;
            List<Order> orderBy = new ArrayList<>();
            if (accept("ORDER")) {
                expect("BY");
                do {
                    String path = identifier();
                    boolean descending = accept("DESC");
                    if (!descending) {
                        accept("ASC");
                    }
                    boolean nullsFirst = !descending;
                    if (accept("NULLS")) {
                        nullsFirst = accept("FIRST");
                        if (!nullsFirst) {
                            expect("LAST");
                        }
                    }
                    orderBy.add(new Order(path, descending, nullsFirst));
                } while (accept(","));
            }
            Integer limit = null;
            if (accept("LIMIT")) {
                limit = Integer.parseInt(next().text());
            }
            return new Query(List.copyOf(items), from, where, List.copyOf(orderBy), limit);
        }

        Condition expression() {
            Condition left = conjunction();
            while (accept("OR")) {
                Condition a = left;
                Condition b = conjunction();
                left = (row, resolver) -> a.test(row, resolver) || b.test(row, resolver);
            }
            return left;
        }

        private Condition conjunction() {
            Condition left = factor();
            while (accept("AND")) {
                Condition a = left;
                Condition b = factor();
                left = (row, resolver) -> a.test(row, resolver) && b.test(row, resolver);
            }
            return left;
        }

        private Condition factor() {
            if (accept("NOT")) {
                Condition inner = factor();
                return (row, resolver) -> !inner.test(row, resolver);
            }
            if (accept("(")) {
                Condition inner = expression();
                expect(")");
                return inner;
            }
            String path = identifier();
            if (accept("IN")) {
                List<Literal> values = list();
                return (row, resolver) -> values.stream().anyMatch(v -> v.compare(resolver.value(row, path)) == 0);
            }
            if (peekIs("NOT")) {
                next();
                expect("IN");
                List<Literal> values = list();
                return (row, resolver) -> values.stream().noneMatch(v -> v.compare(resolver.value(row, path)) == 0);
            }
            if (accept("LIKE")) {
                Token pattern = next();
                Predicate<String> like = like(pattern.raw());
                return (row, resolver) -> {
                    String value = resolver.value(row, path);
                    return value != null && like.test(value);
                };
            }
            String operator = next().text();
            Literal literal = literal(next());
            return switch (operator) {
                case "=" -> (row, resolver) -> literal.compare(resolver.value(row, path)) == 0;
                case "!=", "<>" -> (row, resolver) -> literal.compare(resolver.value(row, path)) != 0;
                case ">=" -> (row, resolver) -> comparable(literal, resolver.value(row, path)) && literal.compare(resolver.value(row, path)) <= 0;
                case ">" -> (row, resolver) -> comparable(literal, resolver.value(row, path)) && literal.compare(resolver.value(row, path)) < 0;
                case "<=" -> (row, resolver) -> comparable(literal, resolver.value(row, path)) && literal.compare(resolver.value(row, path)) >= 0;
                case "<" -> (row, resolver) -> comparable(literal, resolver.value(row, path)) && literal.compare(resolver.value(row, path)) > 0;
                default -> throw new MalformedQuery("unknown operator " + operator);
            };
        }

        private static boolean comparable(Literal literal, String value) {
            return value != null && literal.value != null;
        }

        private List<Literal> list() {
            expect("(");
            List<Literal> values = new ArrayList<>();
            do {
                values.add(literal(next()));
            } while (accept(","));
            expect(")");
            return values;
        }

        private Literal literal(Token token) {
            if (token.string()) {
                return new Literal(token.text(), false);
            }
            if (token.is("null")) {
                return new Literal(null, false);
            }
            if (token.is("true") || token.is("false")) {
                return new Literal(token.text().toLowerCase(Locale.ROOT), false);
            }
            if (token.text().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                return new Literal(token.text(), true);
            }
            if (token.text().matches("-?\\d+(\\.\\d+)?")) {
                return new Literal(token.text(), false);
            }
            throw new MalformedQuery("unexpected '" + token.text() + "' where a value belongs");
        }

        /** A LIKE pattern as written between the quotes: every backslash escape is one literal character. */
        private static Predicate<String> like(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    char e = pattern.charAt(++i);
                    regex.append(Pattern.quote(switch (e) {
                        case 'n' -> "\n";
                        case 'r' -> "\r";
                        case 't' -> "\t";
                        case 'b' -> "\b";
                        case 'f' -> "\f";
                        default -> String.valueOf(e);
                    }));
                } else if (c == '%') {
                    regex.append(".*");
                } else if (c == '_') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            Pattern compiled = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
            return value -> compiled.matcher(value).matches();
        }

        private String identifier() {
            Token token = next();
            if (token.string() || !token.text().matches("[A-Za-z][A-Za-z0-9_.]*")) {
                throw new MalformedQuery("expected a field or object name, got '" + token.text() + "'");
            }
            return token.text();
        }

        private boolean peekIs(String text) {
            return position < tokens.size() && tokens.get(position).is(text);
        }

        private boolean accept(String text) {
            if (peekIs(text)) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(String text) {
            if (!accept(text)) {
                throw new MalformedQuery("expected " + text + " at token " + position + " ("
                        + (position < tokens.size() ? tokens.get(position).text() : "end") + ")");
            }
        }

        private Token next() {
            if (position >= tokens.size()) {
                throw new MalformedQuery("unexpected end of statement");
            }
            return tokens.get(position++);
        }

        void expectEnd() {
            if (position != tokens.size()) {
                throw new MalformedQuery("unexpected '" + tokens.get(position).text() + "'");
            }
        }
    }

    /** A literal; dateTime literals compare as instants, everything else as text (booleans as true/false). */
    private record Literal(String value, boolean dateTime) {
        int compare(String field) {
            if (value == null || field == null) {
                return Objects.equals(value, field) ? 0 : 1;
            }
            if (dateTime) {
                return Instant.parse(value).compareTo(Instant.parse(field));
            }
            if (value.length() == 15 && field.length() == 18 && field.startsWith(value)) {
                return 0; // Salesforce takes the 15-character form of an id for the 18-character one
            }
            return value.equals(field) ? 0 : value.compareTo(field);
        }
    }
}
