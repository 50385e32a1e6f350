package dev.textbridge.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scrape of a Prometheus text exposition ({@code /actuator/prometheus}), and arithmetic between two scrapes. */
final class Metrics {

    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A histogram bucket: the count of observations at most {@code le}. */
    record Bucket(double le, double count) {
    }

    private final List<Sample> samples;

    private Metrics(List<Sample> samples) {
        this.samples = samples;
    }

    static Metrics parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            String rest;
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace >= 0 && (space < 0 || brace < space)) {
                name = line.substring(0, brace);
                int close = parseLabels(line, brace + 1, labels);
                rest = line.substring(close + 1).strip();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).strip();
            }
            String value = rest.split("\\s+")[0];
            samples.add(new Sample(name, labels, parseValue(value)));
        }
        return new Metrics(samples);
    }

    /** Reads {@code a="x",b="y"} up to the closing brace; answers the brace's index. */
    private static int parseLabels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            int quote = eq + 1;
            StringBuilder value = new StringBuilder();
            int j = quote + 1;
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    j++;
                    c = line.charAt(j) == 'n' ? '\n' : line.charAt(j);
                }
                value.append(c);
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i;
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    /** The sum of every sample of that name whose labels include the given ones; 0 when there is none. */
    double sum(String name, String... labelPairs) {
        double total = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && matches(sample.labels(), labelPairs)) {
                total += sample.value();
            }
        }
        return total;
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The cumulative buckets of a histogram ({@code name} without {@code _bucket}), lowest first. */
    List<Bucket> buckets(String histogram, String... labelPairs) {
        Map<Double, Double> byLe = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(histogram + "_bucket") && matches(sample.labels(), labelPairs)) {
                byLe.merge(parseValue(sample.labels().get("le")), sample.value(), Double::sum);
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        byLe.forEach((le, count) -> buckets.add(new Bucket(le, count)));
        buckets.sort(Comparator.comparingDouble(Bucket::le));
        return buckets;
    }

    /**
     * The value at a quantile of the observations made between two scrapes of one cumulative histogram, interpolated
     * linearly within the bucket it falls in (the resolution is the bucket's width); NaN when nothing was observed.
     */
    static double quantileBetween(List<Bucket> before, List<Bucket> after, double quantile) {
        Map<Double, Double> start = new LinkedHashMap<>();
        before.forEach(b -> start.put(b.le(), b.count()));
        double total = 0;
        List<Bucket> delta = new ArrayList<>();
        for (Bucket b : after) {
            double count = b.count() - start.getOrDefault(b.le(), 0.0);
            delta.add(new Bucket(b.le(), count));
            if (Double.isInfinite(b.le())) {
                total = count;
            }
        }
        if (delta.isEmpty()) {
            return Double.NaN;
        }
        if (total == 0) {
            total = delta.get(delta.size() - 1).count();
        }
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = quantile * total;
        double lowerLe = 0;
        double lowerCount = 0;
        for (Bucket b : delta) {
            if (b.count() >= rank) {
                if (Double.isInfinite(b.le())) {
                    return lowerLe;
                }
                double inBucket = b.count() - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return lowerLe + (b.le() - lowerLe) * fraction;
            }
            lowerLe = b.le();
            lowerCount = b.count();
        }
        return lowerLe;
    }

    /** The share of the observations between two scrapes that were at most {@code le} (an exact bucket bound). */
    static double fractionAtMost(List<Bucket> before, List<Bucket> after, double le) {
        double total = countBetween(before, after, Double.POSITIVE_INFINITY);
        return total <= 0 ? Double.NaN : countBetween(before, after, le) / total;
    }

    private static double countBetween(List<Bucket> before, List<Bucket> after, double le) {
        double a = after.stream().filter(b -> b.le() == le).mapToDouble(Bucket::count).findFirst().orElse(Double.NaN);
        double b = before.stream().filter(x -> x.le() == le).mapToDouble(Bucket::count).findFirst().orElse(0);
        return a - b;
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
