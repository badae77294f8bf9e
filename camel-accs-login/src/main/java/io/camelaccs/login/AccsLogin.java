package io.camelaccs.login;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.FileTokenStore;
import io.camelaccs.ims.ImsClient;
import io.camelaccs.ims.Masking;

/**
 * The login helper: signs a user in to Adobe IMS once and writes the refresh token to a token store file, for
 * {@code authenticationType=REFRESH_TOKEN&tokenStoreFile=...}. Run it with
 * {@code java -jar camel-accs-login-<version>.jar --help} for its options. A command-line program: it prints to the
 * console and ends the JVM with its exit code, which is why it lives outside the component's jar.
 */
public final class AccsLogin {

    static final String ENV_CLIENT_ID = "ACCS_CLIENT_ID";
    static final String ENV_CLIENT_SECRET = "ACCS_CLIENT_SECRET";
    static final int DEFAULT_PORT = 8765;
    static final long DEFAULT_TIMEOUT_SECONDS = 300;
    static final List<String> OPTIONS = List.of("client-id", "client-secret", "scopes", "ims-url", "port", "redirect-path",
            "token-store-file", "timeout", "help");

    private static final int EXIT_OK = 0;
    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;

    private AccsLogin() {
    }

    /** Runs the login and exits with 0 on success, 1 when the login failed, 2 on a wrong command line. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * The login with its console and environment passed in.
     *
     * @return the exit code: 0 success, 1 login failed, 2 wrong command line
     */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Run with --help for the usage.");
            return EXIT_USAGE;
        }
        if (options.containsKey("help")) {
            out.print(usage());
            out.flush();
            return EXIT_OK;
        }
        String clientId = options.getOrDefault("client-id", env.get(ENV_CLIENT_ID));
        if (clientId == null || clientId.isBlank()) {
            err.println("No client id: pass --client-id=ID or set environment variable " + ENV_CLIENT_ID);
            return EXIT_USAGE;
        }
        String secret = options.getOrDefault("client-secret", env.get(ENV_CLIENT_SECRET));
        int port;
        long timeoutSeconds;
        try {
            port = number(options, "port", DEFAULT_PORT, 0, 65535);
            timeoutSeconds = number(options, "timeout", DEFAULT_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        String imsUrl = options.getOrDefault("ims-url", AuthorizationCodeFlow.DEFAULT_IMS_URL);
        FileTokenStore store = new FileTokenStore(tokenStoreFile(options.get("token-store-file")));

        HttpTransport transport = new HttpTransport(new HttpSettings(10_000, 60_000, 2, null, null, null), null);
        try {
            AuthorizationCodeFlow flow;
            try {
                flow = new AuthorizationCodeFlow(imsUrl, clientId, secret, options.get("scopes"), port,
                        options.get("redirect-path"), Duration.ofSeconds(timeoutSeconds),
                        new ImsClient(imsUrl, transport, 2, Duration.ofMillis(500), Clock.systemUTC()), store);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return EXIT_USAGE;
            }
            return login(flow, clientId, store, out, err);
        } finally {
            transport.close();
        }
    }

    private static int login(AuthorizationCodeFlow flow, String clientId, FileTokenStore store, PrintStream out,
                             PrintStream err) {
        try (flow) {
            String url = flow.start();
            out.println("Open this URL in a browser, sign in, and wait for the redirect to " + flow.redirectUri());
            out.println();
            out.println(url);
            out.println();
            out.flush();
            flow.complete();
            out.println("Refresh token for client " + Masking.clientId(clientId) + " written to " + store.file()
                        + ". Use authenticationType=REFRESH_TOKEN&tokenStoreFile=" + store.file());
            out.flush();
            return EXIT_OK;
        } catch (RuntimeException e) {
            // the messages of the flow and of ImsClient never hold a secret, code or token
            err.println("Login failed: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("help", "");
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") ? arg.substring(2, eq < 0 ? arg.length() : eq) : null;
            if (name == null || !OPTIONS.contains(name) || name.equals("help")) {
                // the option name only: a mistyped --client-secret=... must not echo the secret
                String shown = eq < 0 ? arg : arg.substring(0, eq);
                throw new IllegalArgumentException("Unknown option " + shown + ". Accepted options: --"
                                                   + String.join(", --", OPTIONS));
            }
            if (eq < 0) {
                throw new IllegalArgumentException("Option --" + name + " needs a value, as in --" + name + "=VALUE");
            }
            options.put(name, arg.substring(eq + 1));
        }
        return options;
    }

    private static int number(Map<String, String> options, String name, long fallback, long min, long max) {
        String text = options.get(name);
        if (text == null) {
            return (int) fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("Option --" + name + " must be a whole number from " + min + " to " + max
                                           + ", but was: " + text);
    }

    private static Path tokenStoreFile(String option) {
        String home = System.getProperty("user.home");
        if (option == null) {
            return Path.of(home, ".camel-accs", "refresh-tokens.properties");
        }
        // the shell leaves ~ alone after "--token-store-file=", so it is expanded here
        return option.startsWith("~/") ? Path.of(home, option.substring(2)) : Path.of(option);
    }

    static String usage() {
        return """
                Usage: java -jar camel-accs-login-<version>.jar --client-id=ID [options]

                Signs a user in to Adobe IMS once (OAuth authorization code with PKCE) and writes the refresh token
                to a file for the accs: component: authenticationType=REFRESH_TOKEN&tokenStoreFile=<file>.

                Options:
                  --client-id=ID           OAuth client id of the credential (default: environment variable ACCS_CLIENT_ID)
                  --client-secret=SECRET   client secret of a confidential credential; leave out for a public client.
                                           Prefer environment variable ACCS_CLIENT_SECRET: a command line is visible
                                           to other users in ps
                  --scopes=LIST            comma-separated scopes, offline_access included (default:
                                           %s)
                  --ims-url=URL            Adobe IMS (default: %s)
                  --port=N                 port of the redirect listener on 127.0.0.1 (default: %d)
                  --redirect-path=PATH     path of the redirect listener (default: %s)
                  --token-store-file=PATH  where the refresh token goes, readable by its owner only
                                           (default: ~/.camel-accs/refresh-tokens.properties)
                  --timeout=SECONDS        how long to wait for the redirect (default: %d)
                  --help                   this text

                The credential in the Adobe Developer Console must allow the redirect URI
                http://127.0.0.1:<port><path>. Exit code: 0 signed in, 1 login failed, 2 wrong command line.
                """.formatted(AuthorizationCodeFlow.DEFAULT_SCOPES, AuthorizationCodeFlow.DEFAULT_IMS_URL, DEFAULT_PORT,
                AuthorizationCodeFlow.DEFAULT_REDIRECT_PATH, DEFAULT_TIMEOUT_SECONDS);
    }
}
