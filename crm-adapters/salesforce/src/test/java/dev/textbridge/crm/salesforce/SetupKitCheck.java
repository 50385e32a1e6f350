package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.salesforce.internal.OrgRequirements;
import dev.textbridge.crm.salesforce.internal.OrgRequirements.Access;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks an SFDX project the way CI can, without an org or the sf CLI: {@code sfdx-project.json} names an existing
 * default package directory and an API version; every metadata file parses, has the root element its suffix calls for
 * in the Metadata API namespace, only elements that type knows and the ones it requires; references between files
 * resolve (permission sets to fields, classes, tabs and custom permissions; the tab to its component; components to
 * their Apex methods); and every custom field the adapter reads or writes ({@link OrgRequirements}) is in the kit,
 * unique where the adapter relies on it, and editable by the integration permission set where the adapter writes it.
 */
final class SetupKitCheck {

    static final String METADATA_NS = "http://soap.sforce.com/2006/04/metadata";
    static final String INTEGRATION_PERMISSION_SET = "Textbridge_Integration";
    static final Set<String> LWC_TARGETS = Set.of("lightning__AppPage", "lightning__HomePage", "lightning__RecordPage",
            "lightning__RecordAction", "lightning__Tab", "lightning__UtilityBar", "lightning__FlowScreen",
            "lightningCommunity__Page", "lightningCommunity__Default", "lightning__Inbox", "lightning__UrlAddressable");

    /** What one metadata type's file looks like: its suffix, root element, and the elements it knows and needs. */
    private record Type(String suffix, String root, Set<String> known, Set<String> required) {
    }

    private static final List<Type> TYPES = List.of(
            new Type(".field-meta.xml", "CustomField", Set.of("fullName", "caseSensitive", "defaultValue",
                    "deleteConstraint", "description", "externalId", "formula", "inlineHelpText", "label", "length",
                    "precision", "referenceTo", "relationshipLabel", "relationshipName", "required", "scale",
                    "trackFeedHistory", "trackHistory", "trackTrending", "type", "unique", "visibleLines", "valueSet"),
                    Set.of("fullName", "label", "type")),
            new Type(".object-meta.xml", "CustomObject", Set.of("customSettingsType", "description", "enableFeeds",
                    "label", "pluralLabel", "nameField", "deploymentStatus", "sharingModel", "visibility"),
                    Set.of("label")),
            new Type(".permissionset-meta.xml", "PermissionSet", Set.of("applicationVisibilities", "classAccesses",
                    "customMetadataTypeAccesses", "customPermissions", "customSettingAccesses", "description",
                    "fieldPermissions", "hasActivationRequired", "label", "license", "objectPermissions",
                    "pageAccesses", "recordTypeVisibilities", "tabSettings", "userPermissions"), Set.of("label")),
            new Type(".customPermission-meta.xml", "CustomPermission", Set.of("connectedApp", "description",
                    "isLicensed", "label", "requiredPermission"), Set.of("label")),
            new Type(".notiftype-meta.xml", "CustomNotificationType", Set.of("customNotifTypeName", "description",
                    "desktop", "email", "masterLabel", "mobile", "slack"),
                    Set.of("customNotifTypeName", "desktop", "masterLabel", "mobile")),
            new Type(".cls-meta.xml", "ApexClass", Set.of("apiVersion", "packageVersions", "status"),
                    Set.of("apiVersion", "status")),
            new Type(".js-meta.xml", "LightningComponentBundle", Set.of("apiVersion", "capabilities", "description",
                    "isExplicitImport", "isExposed", "masterLabel", "runtimeNamespace", "targets", "targetConfigs"),
                    Set.of("apiVersion", "isExposed")),
            new Type(".tab-meta.xml", "CustomTab", Set.of("customObject", "description", "flexiPage", "label",
                    "lwcComponent", "motif", "page", "url"), Set.of("label", "motif")),
            new Type(".cspTrustedSite-meta.xml", "CspTrustedSite", Set.of("canAccessCamera", "canAccessMicrophone",
                    "context", "description", "endpointUrl", "isActive", "isApplicableToConnectSrc",
                    "isApplicableToFontSrc", "isApplicableToFrameSrc", "isApplicableToImgSrc",
                    "isApplicableToMediaSrc", "isApplicableToStyleSrc", "mobileExtension"),
                    Set.of("endpointUrl", "isActive")));

    private static final Set<String> FIELD_TYPES = Set.of("Text", "Checkbox", "DateTime", "Date", "Number", "Url",
            "Phone", "Email", "LongTextArea", "TextArea", "Picklist", "Lookup");
    private static final Pattern APEX_IMPORT = Pattern.compile("@salesforce/apex/(\\w+)\\.(\\w+)");
    private static final Pattern CUSTOM_FIELD_LITERAL = Pattern.compile("\\b([A-Za-z][A-Za-z0-9_]*__c)\\b");

    private final Path project;
    private final Path sources;
    private final List<String> problems = new ArrayList<>();
    private final Map<Path, Element> parsed = new HashMap<>();
    private String apiVersion;

    private SetupKitCheck(Path project, Path sources) {
        this.project = project;
        this.sources = sources;
    }

    /**
     * @param project the SFDX project (the directory holding {@code sfdx-project.json})
     * @param sources the adapter's main Java sources, scanned for custom field names; null skips the scan
     * @return what is wrong, one line each, naming the file; empty when the kit is well formed
     */
    static List<String> check(Path project, Path sources) {
        SetupKitCheck check = new SetupKitCheck(project, sources);
        check.run();
        return List.copyOf(check.problems);
    }

    private void run() {
        Path packageDir = projectFile();
        if (packageDir == null) {
            return;
        }
        Path root = packageDir.resolve("main/default");
        if (!Files.isDirectory(root)) {
            problem(packageDir, "has no main/default folder, where the metadata goes");
            return;
        }
        for (Path file : files(root)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".xml")) {
                checkMetadata(file);
            } else if (!name.endsWith(".cls") && !file.toString().contains("/lwc/")) {
                problem(file, "is no metadata file the kit knows (no check for it; add one to SetupKitCheck)");
            }
        }
        checkFields(root);
        checkPermissionSets(root);
        checkApex(root);
        checkComponents(root);
        checkTabs(root);
        checkCspTrustedSites(root);
        checkAdapterFields(root);
    }

    // --- sfdx-project.json

    private Path projectFile() {
        Path file = project.resolve("sfdx-project.json");
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            problem(file, "cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        apiVersion = json.path("sourceApiVersion").asString("");
        if (!apiVersion.matches("\\d{2,3}\\.0")) {
            problem(file, "has no sourceApiVersion such as \"65.0\"");
        }
        Path defaultDir = null;
        for (JsonNode directory : json.path("packageDirectories")) {
            Path path = project.resolve(directory.path("path").asString(""));
            if (directory.path("path").asString("").isBlank() || !Files.isDirectory(path)) {
                problem(file, "names a package directory that does not exist: " + directory.path("path"));
            } else if (directory.path("default").asBoolean(false)) {
                defaultDir = path;
            }
        }
        if (defaultDir == null) {
            problem(file, "names no existing default package directory (packageDirectories[].default = true)");
        }
        return defaultDir;
    }

    // --- every metadata file

    private void checkMetadata(Path file) {
        String name = file.getFileName().toString();
        Type type = TYPES.stream().filter(t -> name.endsWith(t.suffix())).findFirst().orElse(null);
        if (type == null) {
            problem(file, "is no metadata file the kit knows (no check for it; add one to SetupKitCheck)");
            return;
        }
        Element root = parse(file);
        if (root == null) {
            return;
        }
        if (!type.root().equals(root.getLocalName()) || !METADATA_NS.equals(root.getNamespaceURI())) {
            problem(file, "has root element {" + root.getNamespaceURI() + "}" + root.getLocalName() + "; a "
                    + type.suffix() + " file needs {" + METADATA_NS + "}" + type.root());
            return;
        }
        Set<String> present = new LinkedHashSet<>();
        for (Element child : children(root)) {
            present.add(child.getLocalName());
            if (!type.known().contains(child.getLocalName())) {
                problem(file, "has <" + child.getLocalName() + ">, which " + type.root() + " does not know");
            }
            if (!METADATA_NS.equals(child.getNamespaceURI())) {
                problem(file, "has <" + child.getLocalName() + "> outside the Metadata API namespace");
            }
        }
        for (String required : type.required()) {
            if (!present.contains(required) || text(root, required).isBlank()) {
                problem(file, "lacks <" + required + ">, which every " + type.root() + " needs");
            }
        }
        if (present.contains("apiVersion") && apiVersion != null && !apiVersion.equals(text(root, "apiVersion"))) {
            problem(file, "has apiVersion " + text(root, "apiVersion") + " but the project's sourceApiVersion is "
                    + apiVersion);
        }
        parsed.put(file, root);
    }

    private void checkFields(Path root) {
        forEach(root, ".field-meta.xml", (file, field) -> {
            String fileName = file.getFileName().toString();
            String fullName = text(field, "fullName");
            if (!fileName.equals(fullName + ".field-meta.xml")) {
                problem(file, "has fullName " + fullName + ", which does not match its file name");
            }
            if (!fullName.endsWith("__c")) {
                problem(file, "defines " + fullName + ", but custom field names end with __c");
            }
            String type = text(field, "type");
            if (!FIELD_TYPES.contains(type)) {
                problem(file, "has type " + type + ", which is none of " + FIELD_TYPES);
            }
            if (type.equals("Text") && !text(field, "length").matches("\\d+")) {
                problem(file, "is a Text field without a <length>");
            }
            if (type.equals("Number") && (!text(field, "precision").matches("\\d+") || !text(field, "scale").matches("\\d+"))) {
                problem(file, "is a Number field without <precision> and <scale>");
            }
            if (type.equals("Checkbox") && !text(field, "defaultValue").matches("true|false")) {
                problem(file, "is a Checkbox without <defaultValue> true or false");
            }
            for (String flag : List.of("externalId", "unique", "required", "caseSensitive", "trackHistory")) {
                if (has(field, flag) && !text(field, flag).matches("true|false")) {
                    problem(file, "has <" + flag + "> " + text(field, flag) + "; it takes true or false");
                }
            }
            if (file.getParent().getParent().getFileName().toString().equals("Activity") && has(field, "trackHistory")) {
                problem(file, "sets trackHistory, which Activity fields do not have");
            }
        });
    }

    private void checkPermissionSets(Path root) {
        forEach(root, ".permissionset-meta.xml", (file, set) -> {
            for (Element grant : children(set, "fieldPermissions")) {
                String field = text(grant, "field");
                if (field.endsWith("__c") && customField(root, field) == null) {
                    problem(file, "grants access to " + field + ", which the kit does not define");
                }
                if (!text(grant, "readable").matches("true|false") || !text(grant, "editable").matches("true|false")) {
                    problem(file, "grants " + field + " without readable and editable true or false");
                }
                if (text(grant, "editable").equals("true") && !text(grant, "readable").equals("true")) {
                    problem(file, "makes " + field + " editable but not readable");
                }
            }
            for (Element grant : children(set, "objectPermissions")) {
                for (String flag : List.of("allowCreate", "allowDelete", "allowEdit", "allowRead", "modifyAllRecords",
                        "viewAllRecords")) {
                    if (!text(grant, flag).matches("true|false")) {
                        problem(file, "grants " + text(grant, "object") + " without <" + flag + "> true or false");
                    }
                }
            }
            for (Element grant : children(set, "classAccesses")) {
                requireFile(file, root.resolve("classes/" + text(grant, "apexClass") + ".cls"), "Apex class");
            }
            for (Element grant : children(set, "customPermissions")) {
                requireFile(file, root.resolve("customPermissions/" + text(grant, "name")
                        + ".customPermission-meta.xml"), "custom permission");
            }
            for (Element grant : children(set, "tabSettings")) {
                requireFile(file, root.resolve("tabs/" + text(grant, "tab") + ".tab-meta.xml"), "tab");
                if (!Set.of("Available", "Visible", "None").contains(text(grant, "visibility"))) {
                    problem(file, "gives tab " + text(grant, "tab") + " visibility " + text(grant, "visibility"));
                }
            }
            for (Element grant : children(set, "userPermissions")) {
                if (text(grant, "name").isBlank() || !text(grant, "enabled").matches("true|false")) {
                    problem(file, "has a userPermissions entry without a name and enabled true or false");
                }
            }
        });
    }

    private void checkApex(Path root) {
        for (Path file : files(root)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".cls") && !Files.exists(file.resolveSibling(name + "-meta.xml"))) {
                problem(file, "has no " + name + "-meta.xml beside it");
            }
            if (name.endsWith(".cls-meta.xml") && !Files.exists(file.resolveSibling(name.replace("-meta.xml", "")))) {
                problem(file, "describes an Apex class whose .cls file is missing");
            }
        }
    }

    private void checkComponents(Path root) {
        Path lwc = root.resolve("lwc");
        if (!Files.isDirectory(lwc)) {
            return;
        }
        try (Stream<Path> bundles = Files.list(lwc)) {
            for (Path bundle : bundles.filter(Files::isDirectory).sorted().toList()) {
                String name = bundle.getFileName().toString();
                Path js = bundle.resolve(name + ".js");
                Path meta = bundle.resolve(name + ".js-meta.xml");
                if (!Files.exists(js)) {
                    problem(bundle, "is a component bundle without " + name + ".js");
                    continue;
                }
                if (!Files.exists(meta)) {
                    problem(bundle, "is a component bundle without " + name + ".js-meta.xml");
                    continue;
                }
                checkComponentMeta(meta);
                checkApexImports(root, js);
                Path html = bundle.resolve(name + ".html");
                if (Files.exists(html) && !Files.readString(html).strip().startsWith("<template")) {
                    problem(html, "does not start with <template>");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkComponentMeta(Path meta) {
        Element bundle = parsed.get(meta);
        if (bundle == null) {
            return;
        }
        Set<String> targets = new LinkedHashSet<>();
        for (Element container : children(bundle, "targets")) {
            for (Element target : children(container, "target")) {
                targets.add(target.getTextContent().strip());
            }
        }
        if (text(bundle, "isExposed").equals("true") && targets.isEmpty()) {
            problem(meta, "is exposed but names no <targets>");
        }
        targets.stream().filter(target -> !LWC_TARGETS.contains(target))
                .forEach(target -> problem(meta, "names target " + target + ", which is no Lightning target"));
        for (Element configs : children(bundle, "targetConfigs")) {
            for (Element config : children(configs, "targetConfig")) {
                for (String target : config.getAttribute("targets").split(",")) {
                    if (!targets.contains(target.strip())) {
                        problem(meta, "configures target " + target.strip() + ", which <targets> does not list");
                    }
                }
            }
        }
    }

    private void checkApexImports(Path root, Path js) throws IOException {
        Matcher imports = APEX_IMPORT.matcher(Files.readString(js));
        while (imports.find()) {
            Path apex = root.resolve("classes/" + imports.group(1) + ".cls");
            if (!Files.exists(apex)) {
                problem(js, "imports Apex class " + imports.group(1) + ", which the kit does not define");
            } else if (!Pattern.compile("@AuraEnabled[^;{]*?\\s(public|global)\\s+static\\s+[\\w.<>, ]+\\s"
                    + imports.group(2) + "\\s*\\(").matcher(Files.readString(apex)).find()) {
                problem(js, "imports " + imports.group(1) + "." + imports.group(2)
                        + ", which is no @AuraEnabled public static method");
            }
        }
    }

    private void checkTabs(Path root) {
        forEach(root, ".tab-meta.xml", (file, tab) -> {
            String component = text(tab, "lwcComponent");
            if (component.isBlank()) {
                return;
            }
            Path meta = root.resolve("lwc/" + component + "/" + component + ".js-meta.xml");
            if (!Files.exists(meta)) {
                problem(file, "shows component " + component + ", which the kit does not define");
            } else if (parsed.containsKey(meta) && children(parsed.get(meta), "targets").stream()
                    .flatMap(t -> children(t, "target").stream()).noneMatch(t -> t.getTextContent().strip()
                            .equals("lightning__Tab"))) {
                problem(file, "shows component " + component + ", which lacks the target lightning__Tab");
            }
        });
    }

    private void checkCspTrustedSites(Path root) {
        forEach(root, ".cspTrustedSite-meta.xml", (file, site) -> {
            try {
                URI url = URI.create(text(site, "endpointUrl"));
                if (!"https".equals(url.getScheme()) || url.getHost() == null || !(url.getPath() == null
                        || url.getPath().isEmpty())) {
                    problem(file, "has endpointUrl " + url + "; it must be an https origin such as https://sms.example.com");
                }
            } catch (IllegalArgumentException e) {
                problem(file, "has an endpointUrl that is no URL: " + e.getMessage());
            }
        });
    }

    // --- what the adapter needs

    private void checkAdapterFields(Path root) {
        SalesforceSettings settings = SalesforceSettings.clientCredentials(URI.create("https://kit.my.salesforce.com"),
                "kit", "kit");
        Element integration = parsed.get(root.resolve("permissionsets/" + INTEGRATION_PERMISSION_SET
                + ".permissionset-meta.xml"));
        if (integration == null) {
            problem(root.resolve("permissionsets"), "lacks the permission set " + INTEGRATION_PERMISSION_SET);
            return;
        }
        for (OrgRequirements.FieldNeed need : OrgRequirements.of(settings).fields()) {
            if (!need.fromKit()) {
                continue;
            }
            Element field = customField(root, need.qualifiedName());
            if (field == null) {
                problem(root.resolve("objects"), "lacks " + need.qualifiedName() + ", which the adapter "
                        + (need.access().contains(Access.CREATE) ? "writes" : "reads"));
                continue;
            }
            if (need.access().contains(Access.UNIQUE) && !text(field, "unique").equals("true")) {
                problem(root.resolve("objects"), "defines " + need.qualifiedName()
                        + " without <unique>true</unique>, which makes the adapter's writes safe to repeat");
            }
            boolean writes = need.access().contains(Access.CREATE) || need.access().contains(Access.UPDATE);
            boolean editable = children(integration, "fieldPermissions").stream().anyMatch(grant ->
                    text(grant, "field").equals(need.qualifiedName()) && text(grant, "readable").equals("true")
                            && (!writes || text(grant, "editable").equals("true")));
            if (!editable) {
                problem(root.resolve("permissionsets/" + INTEGRATION_PERMISSION_SET + ".permissionset-meta.xml"),
                        "does not let the integration user " + (writes ? "edit " : "read ") + need.qualifiedName());
            }
        }
        if (sources == null) {
            return;
        }
        for (Path source : files(sources)) {
            if (!source.toString().endsWith(".java")) {
                continue;
            }
            try {
                Matcher names = CUSTOM_FIELD_LITERAL.matcher(Files.readString(source));
                while (names.find()) {
                    String name = names.group(1);
                    boolean inKit = files(root.resolve("objects")).stream()
                            .anyMatch(file -> file.getFileName().toString().equals(name + ".field-meta.xml"));
                    if (!inKit) {
                        problem(source, "uses the custom field " + name + ", which the setup kit does not define");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The kit's definition of {@code Object.Field__c} (Task and Event fields live on Activity); null when none. */
    private Element customField(Path root, String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        String object = qualifiedName.substring(0, dot);
        String folder = object.equals("Task") || object.equals("Event") ? "Activity" : object;
        return parsed.get(root.resolve("objects/" + folder + "/fields/" + qualifiedName.substring(dot + 1)
                + ".field-meta.xml"));
    }

    // --- plumbing

    @FunctionalInterface
    private interface FileCheck {
        void check(Path file, Element root) throws IOException;
    }

    private void forEach(Path root, String suffix, FileCheck check) {
        for (Path file : files(root)) {
            Element element = parsed.get(file);
            if (element != null && file.getFileName().toString().endsWith(suffix)) {
                try {
                    check.check(file, element);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void requireFile(Path from, Path file, String what) {
        if (!Files.exists(file)) {
            problem(from, "refers to the " + what + " " + file.getFileName() + ", which the kit does not define");
        }
    }

    private Element parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document document = builder.parse(file.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            problem(file, "is not well-formed XML: " + e.getMessage());
            return null;
        }
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> children(Element parent, String name) {
        return children(parent).stream().filter(child -> name.equals(child.getLocalName())).toList();
    }

    private static boolean has(Element parent, String name) {
        return !children(parent, name).isEmpty();
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    private void problem(Path file, String message) {
        problems.add(project.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()) + ": " + message);
    }
}
