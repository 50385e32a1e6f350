package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CrmTeam;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.RecordType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The seed YAML as written ({@code users}, {@code teams}, {@code records} with kebab-case keys), and its check:
 * {@link #validate} turns it into the users, teams and records to store, or names every record at fault.
 */
record SeedFile(List<SeedUser> users, List<SeedTeam> teams, List<SeedRecord> records) {

    record SeedUser(String id, String name, List<String> teams, Boolean smsPrivilege) {
    }

    record SeedTeam(String id, String name) {
    }

    record SeedRecord(String type, String id, String name, String owner, Boolean active, String lastModified,
                      Map<String, String> phones, String contact, String account, String source) {
    }

    /** What a valid seed holds, ready to store. */
    record Content(List<CrmUser> users, List<CrmTeam> teams, List<LocalRecord> records) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    SeedFile {
        users = users == null ? List.of() : users;
        teams = teams == null ? List.of() : teams;
        records = records == null ? List.of() : records;
    }

    static SeedFile read(InputStream yaml) {
        String text;
        try {
            text = new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local CRM seed", e);
        }
        if (text.isBlank()) {
            return new SeedFile(null, null, null);
        }
        try {
            SeedFile file = YAML.readValue(text, SeedFile.class);
            return file == null ? new SeedFile(null, null, null) : file;
        } catch (JacksonException e) {
            throw new InvalidSeedException(e.getOriginalMessage() + " (at " + e.getPathReference() + ")", e);
        }
    }

    /**
     * @param seedTime the last-modified time of records that give none
     * @throws InvalidSeedException naming every user, team and record at fault
     */
    Content validate(Instant seedTime) {
        List<String> problems = new ArrayList<>();
        List<CrmTeam> validTeams = teams(problems);
        Set<String> teamIds = new HashSet<>();
        validTeams.forEach(team -> teamIds.add(team.id()));
        List<CrmUser> validUsers = users(teamIds, problems);
        List<LocalRecord> validRecords = records(seedTime, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSeedException(problems);
        }
        List<CrmTeam> withMembers = validTeams.stream()
                .map(team -> new CrmTeam(team.id(), team.name(), validUsers.stream()
                        .filter(user -> user.teamIds().contains(team.id())).map(CrmUser::id)
                        .collect(Collectors.toSet())))
                .toList();
        return new Content(validUsers, withMembers, validRecords);
    }

    private List<CrmTeam> teams(List<String> problems) {
        List<CrmTeam> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < teams.size(); i++) {
            SeedTeam team = teams.get(i);
            String problem = identityProblem(team.id(), team.name(), seen);
            if (problem != null) {
                problems.add(label("team", i, team.id(), team.name()) + problem);
                continue;
            }
            valid.add(new CrmTeam(team.id(), team.name(), Set.of()));
        }
        return valid;
    }

    private List<CrmUser> users(Set<String> teamIds, List<String> problems) {
        List<CrmUser> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            SeedUser user = users.get(i);
            String label = label("user", i, user.id(), user.name());
            String problem = identityProblem(user.id(), user.name(), seen);
            if (problem != null) {
                problems.add(label + problem);
                continue;
            }
            Set<String> memberOf = new LinkedHashSet<>(user.teams() == null ? List.of() : user.teams());
            memberOf.stream().filter(team -> !teamIds.contains(team))
                    .forEach(team -> problems.add(label + " names team " + team + ", which the seed does not define"));
            valid.add(new CrmUser(user.id(), user.name(), memberOf, Boolean.TRUE.equals(user.smsPrivilege())));
        }
        return valid;
    }

    private List<LocalRecord> records(Instant seedTime, List<String> problems) {
        Map<String, RecordType> types = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        List<LocalRecord> valid = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SeedRecord record = records.get(i);
            String label = label("record", i, record.id(), record.name());
            String problem = identityProblem(record.id(), record.name(), seen);
            if (problem != null) {
                problems.add(label + problem);
                continue;
            }
            if (isBlank(record.type())) {
                problems.add(label + " has no type (expected contact, account, opportunity or lead)");
                continue;
            }
            RecordType type;
            try {
                type = RecordType.fromWireName(record.type());
            } catch (IllegalArgumentException e) {
                problems.add(label + ": " + e.getMessage());
                continue;
            }
            types.put(record.id(), type);
            if (type != RecordType.OPPORTUNITY && (record.contact() != null || record.account() != null)) {
                problems.add(label + " names a contact or an account, which only an opportunity has");
            }
            valid.add(new LocalRecord(type, record.id(), record.name(), record.owner(),
                    record.active() == null || record.active(), lastModified(record, label, seedTime, problems),
                    phones(record.phones()), record.contact(), record.account(),
                    isBlank(record.source()) ? null : record.source().strip()));
        }
        for (LocalRecord record : valid) {
            if (record.type() == RecordType.OPPORTUNITY) {
                checkLink(record, "contact", record.contact(), RecordType.CONTACT, types, problems);
                checkLink(record, "account", record.account(), RecordType.ACCOUNT, types, problems);
            }
        }
        return valid;
    }

    private static void checkLink(LocalRecord opportunity, String role, String id, RecordType expected,
                                  Map<String, RecordType> types, List<String> problems) {
        if (id != null && types.get(id) != expected) {
            problems.add("opportunity " + opportunity.id() + " names " + role + " " + id
                    + ", which is no " + role + " of the seed");
        }
    }

    private static Instant lastModified(SeedRecord record, String label, Instant seedTime, List<String> problems) {
        if (isBlank(record.lastModified())) {
            return seedTime;
        }
        try {
            return Instant.parse(record.lastModified().strip());
        } catch (DateTimeParseException e) {
            problems.add(label + ": last-modified '" + record.lastModified()
                    + "' is not an instant like 2026-11-01T10:00:00Z");
            return seedTime;
        }
    }

    private static Map<String, String> phones(Map<String, String> phones) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (phones != null) {
            phones.forEach((field, text) -> {
                if (!isBlank(text)) {
                    kept.put(field, text.strip());
                }
            });
        }
        return kept;
    }

    private static String label(String kind, int index, String id, String name) {
        if (!isBlank(id)) {
            return kind + " " + id;
        }
        return kind + " #" + (index + 1) + (isBlank(name) ? "" : " ('" + name + "')");
    }

    /** Why an entry cannot be stored under its id, or null when it can. */
    private static String identityProblem(String id, String name, Set<String> seen) {
        if (isBlank(id)) {
            return " has no id";
        }
        if (isBlank(name)) {
            return " has no name";
        }
        return seen.add(id) ? null : " appears more than once";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
