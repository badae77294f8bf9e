package io.camelaccs.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operations of a Commerce platform's official schema, bundled with the component (generated from
 * {@code src/schema/accs-schema.yaml} for ACCS and {@code src/schema/paas-admin-schema-2.4.8.yaml} for Adobe Commerce
 * PaaS and Magento Open Source), so that a route naming an operation or option that does not exist fails when it
 * starts, with the closest known ones suggested and the platform named.
 */
public final class OperationCatalog {

    /** Resource holding the generated ACCS catalog. */
    public static final String RESOURCE = "/io/camelaccs/rest/accs-operations.json";
    /** Resource holding the generated PaaS catalog (Commerce Admin REST endpoints 2.4.8). */
    public static final String PAAS_RESOURCE = "/io/camelaccs/rest/paas-operations.json";

    /** Options every operation accepts: response field filtering. */
    private static final Set<String> UNIVERSAL_QUERY = Set.of("fields");

    private final List<Operation> operations;
    /** How messages name the platform: {@code ACCS}. */
    private final String platformName;
    /** The value of option platform that selects this catalog: {@code CLOUD_SERVICE}. */
    private final String platformOption;

    OperationCatalog(List<Operation> operations) {
        this(operations, "ACCS", "CLOUD_SERVICE");
    }

    OperationCatalog(List<Operation> operations, String platformName, String platformOption) {
        this.operations = List.copyOf(operations);
        this.platformName = platformName;
        this.platformOption = platformOption;
    }

    /** The ACCS catalog bundled with the component, read once. */
    public static OperationCatalog bundled() {
        return Bundled.CATALOG;
    }

    /** The Adobe Commerce PaaS (and Magento Open Source) catalog bundled with the component, read once. */
    public static OperationCatalog paas() {
        return BundledPaas.CATALOG;
    }

    private static final class Bundled {
        static final OperationCatalog CATALOG = read(RESOURCE, "ACCS", "CLOUD_SERVICE");
    }

    private static final class BundledPaas {
        static final OperationCatalog CATALOG = read(PAAS_RESOURCE, "Adobe Commerce PaaS", "PAAS");
    }

    private static OperationCatalog read(String resource, String name, String option) {
        try (InputStream in = OperationCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The operation catalog " + resource + " is missing from the jar");
            }
            return new OperationCatalog(parse(new ObjectMapper().readTree(in)).operations, name, option);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the operation catalog " + resource, e);
        }
    }

    static OperationCatalog parse(JsonNode root) {
        List<Operation> ops = new ArrayList<>();
        for (JsonNode op : root.get("operations")) {
            ops.add(new Operation(op.get("method").asText(), op.get("path").asText(), op.get("operationId").asText(),
                    strings(op.get("pathParameters")), strings(op.get("queryParameters")),
                    op.get("search").asBoolean(), op.get("body").asBoolean()));
        }
        return new OperationCatalog(ops);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    public List<Operation> operations() {
        return operations;
    }

    /**
     * The operation a method and path name. A {@code {name}} in the path matches any parameter of the schema's path at
     * that place (names may differ), and a literal segment matches a schema parameter too, so
     * {@code /V1/products/24-MB01} finds {@code GET /V1/products/{sku}}; the match with most literal segments wins.
     */
    public Optional<Operation> find(String method, String path) {
        return Optional.ofNullable(best(method, path)).map(Match::operation);
    }

    /** An operation and how many of its literal segments the path matched. */
    private record Match(Operation operation, int literals) {
    }

    private Match best(String method, String path) {
        String[] segments = segments(path);
        Operation best = null;
        int bestLiterals = -1;
        for (Operation op : operations) {
            if (!op.method().equalsIgnoreCase(method)) {
                continue;
            }
            int literals = match(segments(op.path()), segments);
            if (literals > bestLiterals) {
                best = op;
                bestLiterals = literals;
            }
        }
        return best == null ? null : new Match(best, bestLiterals);
    }

    /**
     * The operation, checked: fails naming the closest known operations when the method and path are unknown, and
     * naming the accepted options when a query option is unknown.
     *
     * @param queryOptions   the endpoint's pass-through options that are not path parameters
     * @param knownOptions   the component's own option names, suggested when an unknown option is close to one
     *                       (a misspelt option of ours would otherwise pass through to Commerce)
     */
    public Operation require(String method, String path, Set<String> queryOptions, Set<String> knownOptions) {
        Match match = best(method, path);
        OperationCatalog other = other();
        Match there = other == null ? null : other.best(method, path);
        if (match != null && there != null && there.literals() > match.literals()) {
            // /V1/customers/me is /V1/customers/{customerId} here, but a route of its own on the other platform
            match = null;
        }
        Operation op = Optional.ofNullable(match).map(Match::operation).orElseThrow(() -> new IllegalArgumentException(
                "Unknown " + platformName + " operation " + method.toUpperCase(Locale.ROOT) + " " + path
                + ": did you mean " + suggest(method, path) + "? (platform=" + platformOption + elsewhere(method, path)
                + "; set validateOperation=false for an endpoint the schema does not list, such as an extension's)"));
        for (String option : queryOptions) {
            if (!accepts(op, option)) {
                Set<String> accepted = new TreeSet<>(op.queryParameters());
                accepted.addAll(UNIVERSAL_QUERY);
                throw new IllegalArgumentException("Unknown option '" + option + "' for " + op.describe() + ": it is"
                                                   + " neither an option of the accs component nor a query parameter"
                                                   + " of the operation. Accepted query parameters: " + accepted
                                                   + (op.search() ? " and the search options (filter, sortOrders,"
                                                                    + " pageSize, currentPage, fetchAll) or raw"
                                                                    + " searchCriteria[...]" : "")
                                                   + closestName(option, accepted, knownOptions));
            }
        }
        return op;
    }

    /** Where the operation exists when the other platform's schema lists it, so that a wrong platform is spotted. */
    private String elsewhere(String method, String path) {
        OperationCatalog other = other();
        if (other == null || other.find(method, path).isEmpty()) {
            return "";
        }
        return ", but " + other.platformName + " has it: set platform=" + other.platformOption + " if the shop is one";
    }

    /** The other platform's bundled catalog, or null for a catalog that is neither (tests). */
    private OperationCatalog other() {
        if (operations.isEmpty()) {
            return null;
        }
        return "CLOUD_SERVICE".equals(platformOption) && this == bundled() ? paas()
                : "PAAS".equals(platformOption) && this == paas() ? bundled() : null;
    }

    private static boolean accepts(Operation op, String option) {
        return UNIVERSAL_QUERY.contains(option) || op.queryParameters().contains(option)
                || op.search() && option.startsWith("searchCriteria[");
    }

    private static String closestName(String option, Set<String> accepted, Set<String> knownOptions) {
        String wanted = option.toLowerCase(Locale.ROOT);
        return java.util.stream.Stream.concat(knownOptions.stream(), accepted.stream())
                .filter(a -> distance(a.toLowerCase(Locale.ROOT), wanted) <= 2)
                .min(Comparator.comparingInt(a -> distance(a.toLowerCase(Locale.ROOT), wanted)))
                .map(a -> "; did you mean '" + a + "'?").orElse("");
    }

    /** Up to three known operations closest to the given method and path, best first. */
    String suggest(String method, String path) {
        String wanted = method.toUpperCase(Locale.ROOT) + " " + normalise(path);
        return operations.stream()
                .sorted(Comparator.comparingInt((Operation op) -> distance(wanted, op.method() + " " + normalise(op.path())))
                        .thenComparing(Operation::path))
                .limit(3)
                .map(Operation::describe)
                .collect(Collectors.joining(" or "));
    }

    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }

    /** -1 when the schema path does not match, else the number of literal segments that matched. */
    private static int match(String[] schema, String[] actual) {
        if (schema.length != actual.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < schema.length; i++) {
            boolean schemaParam = schema[i].startsWith("{");
            boolean actualParam = actual[i].startsWith("{");
            if (schemaParam) {
                continue;
            }
            if (actualParam || !schema[i].equals(actual[i])) {
                return -1;
            }
            literals++;
        }
        return literals;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
