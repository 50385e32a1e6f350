package dev.textbridge.benchmarks;

import dev.textbridge.crm.api.RecordType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who texts whom. Customers come in blocks, one per phase, so that every measured phase sees the same population: its
 * own customer numbers, every other one (the even indexes) known to the CRM, the rest unknown (their first text
 * creates a lead). The seed YAML makes the known ones known; the business numbers are the connector's sample ones
 * (Alice's, team East's, Bob's).
 */
final class Population {

    /** The connector's default business numbers: +15550100001 (U-ALICE), ...02 (team T-EAST), ...03 (U-BOB). */
    static final List<String> BUSINESS_NUMBERS = List.of("+15550100001", "+15550100002", "+15550100003");
    private static final List<String> OWNERS = List.of("U-ALICE", "U-BOB", "T-EAST");

    /** A block of customer numbers: +1 555 d00 0000 and up, where d is the block's digit. */
    enum Block {
        WARMUP(2), SINGLE(3), RATE(4), BURST(5), CRASH(6);

        final int digit;

        Block(int digit) {
            this.digit = digit;
        }

        String customer(int index) {
            if (index < 0 || index > 999_999) {
                throw new IllegalArgumentException("at most 1,000,000 customers per block");
            }
            return "+1555" + digit + String.format("%06d", index);
        }
    }

    /** An inbound text as the generator will post it: signed, form-encoded, ready to send. */
    record Text(int index, String sid, String from, String to, byte[] form, String signature) {
    }

    private Population() {
    }

    static boolean known(int customerIndex) {
        return customerIndex % 2 == 0;
    }

    static String businessNumberOf(int customerIndex) {
        return BUSINESS_NUMBERS.get(customerIndex % BUSINESS_NUMBERS.size());
    }

    /**
     * {@code count} texts from {@code customers} customers of a block, each from a customer drawn at random (a fixed
     * seed per phase, so runs are comparable), to that customer's business number. Message sids are unique per run
     * and phase.
     */
    static List<Text> texts(Block block, int phaseCode, int count, int customers, String runId, String publicBaseUrl,
                            String authToken) {
        SplittableRandom random = new SplittableRandom(0x7e57_b41dL * 31 + phaseCode);
        String url = publicBaseUrl + TwilioSigner.INBOUND_PATH;
        List<Text> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int customer = customers == 1 ? 0 : random.nextInt(customers);
            texts.add(text(block, phaseCode, i, customer, runId, url, authToken));
        }
        return texts;
    }

    /** One text from a given customer of a block. */
    static Text text(Block block, int phaseCode, int index, int customer, String runId, String signedUrl,
                     String authToken) {
        String sid = "SM%s%02x%022x".formatted(runId, phaseCode & 0xff, index);
        String from = block.customer(customer);
        String to = businessNumberOf(customer);
        String body = "Benchmark text %d of phase %d from %s: is the renewal still on for next week? Call me back."
                .formatted(index, phaseCode, from);
        Map<String, String> fields = TwilioSigner.inboundFields(sid, from, to, body);
        return new Text(index, sid, from, to, TwilioSigner.formEncode(fields).getBytes(StandardCharsets.US_ASCII),
                TwilioSigner.sign(signedUrl, fields, authToken));
    }

    /**
     * A known customer as the CRM holds it: a contact (3 in 5, every tenth of them with an opportunity), a lead (1 in
     * 5) or an account (1 in 5), owned in turn by Alice, Bob and the third owner (team East in the local CRM), carrying
     * the customer's number. {@code suffix} ({@code <block digit>-<index>}) makes the record's id.
     */
    record KnownCustomer(Block block, int index, String phone, RecordType type, int owner, boolean withOpportunity) {
        String suffix() {
            return block.digit + "-" + String.format("%06d", index);
        }
    }

    /** The known half of every block's customers, in order. */
    static List<KnownCustomer> knownCustomers(Map<Block, Integer> customersPerBlock) {
        List<KnownCustomer> known = new ArrayList<>();
        for (Map.Entry<Block, Integer> entry : customersPerBlock.entrySet()) {
            Block block = entry.getKey();
            for (int i = 0; i < entry.getValue(); i++) {
                if (!known(i)) {
                    continue;
                }
                int k = i / 2;
                RecordType type = switch (k % 5) {
                    case 3 -> RecordType.LEAD;
                    case 4 -> RecordType.ACCOUNT;
                    default -> RecordType.CONTACT;
                };
                known.add(new KnownCustomer(block, i, block.customer(i), type, k % OWNERS.size(),
                        type == RecordType.CONTACT && k % 10 == 0));
            }
        }
        return known;
    }

    /**
     * The local CRM's seed: the sample users and teams the default business numbers are assigned to, and the
     * {@linkplain #knownCustomers known customers}, each carrying the number in E.164.
     */
    static void writeSeed(Path file, Map<Block, Integer> customersPerBlock) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                # Generated by benchmarks/run: the known half of every block of benchmark customers.
                users:
                  - { id: U-ALICE, name: Alice Seller, teams: [T-EAST], sms-privilege: true }
                  - { id: U-BOB,   name: Bob Seller,   teams: [T-WEST], sms-privilege: true }
                  - { id: U-CARL,  name: Carl Junior,  teams: [T-EAST], sms-privilege: false }
                teams:
                  - { id: T-EAST, name: East sales }
                  - { id: T-WEST, name: West sales }
                records:
                """);
        for (KnownCustomer c : knownCustomers(customersPerBlock)) {
            String suffix = c.suffix();
            String owner = OWNERS.get(c.owner());
            switch (c.type()) {
                case LEAD -> yaml.append("  - { type: lead, id: L-%s, name: \"Prospect %s\", owner: %s, phones: { mobile: \"%s\" } }\n"
                        .formatted(suffix, suffix, owner, c.phone()));
                case ACCOUNT -> yaml.append("  - { type: account, id: A-%s, name: \"Company %s\", owner: %s, phones: { business: \"%s\" } }\n"
                        .formatted(suffix, suffix, owner, c.phone()));
                default -> {
                    yaml.append("  - { type: contact, id: C-%s, name: \"Customer %s\", owner: %s, phones: { mobile: \"%s\" } }\n"
                            .formatted(suffix, suffix, owner, c.phone()));
                    if (c.withOpportunity()) {
                        yaml.append("  - { type: opportunity, id: O-%s, name: \"Renewal %s\", owner: %s, contact: C-%s }\n"
                                .formatted(suffix, suffix, owner, suffix));
                    }
                }
            }
        }
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }
}
