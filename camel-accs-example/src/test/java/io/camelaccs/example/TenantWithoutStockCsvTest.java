package io.camelaccs.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.camelaccs.test.AccsSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example pointed at a tenant through the environment, as a user runs it, without {@code ACCS_STOCK_CSV}: the
 * stock import says it is skipped and the other jobs run, where it used to stop on a NullPointerException.
 */
class TenantWithoutStockCsvTest {

    @TempDir
    Path dir;

    @Test
    void stockImportIsSkippedWithAClearLine() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (AccsSimulator tenant = AccsSimulator.builder().products(50).orders(5).build().start()) {
            Map<String, String> env = new HashMap<>();
            env.put("ACCS_BASE_URL", tenant.baseUrl());
            env.put("ACCS_IMS_URL", tenant.imsUrl());
            env.put("ACCS_CLIENT_ID", tenant.clientId());
            env.put("ACCS_CLIENT_SECRET", tenant.clientSecret());
            env.put("ACCS_ORG_ID", tenant.orgId());
            env.put("ACCS_EXAMPLE_OUTPUT", dir.toString());
            ExampleSettings settings = ExampleSettings.fromEnvironment(env);
            assertFalse(settings.useSimulator(), "the environment names a tenant");

            ExampleMain.Summary summary = new ExampleMain(new PrintStream(console, true, StandardCharsets.UTF_8))
                    .run(settings);

            String out = console.toString(StandardCharsets.UTF_8);
            assertEquals(0, summary.exitCode(), out);
            assertTrue(out.contains("Job 2, stock import: skipped, no ACCS_STOCK_CSV given"), out);
            assertFalse(out.contains("NullPointerException"), out);
            assertEquals(0, summary.stockRows());
            assertEquals(50, summary.exported());
            assertEquals(5, summary.ordersSeen());
            assertEquals(0, tenant.requests("POST", "/V1/async/bulk"), "no bulk was sent");
        }
    }
}
