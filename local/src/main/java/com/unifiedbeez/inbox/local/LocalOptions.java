package com.unifiedbeez.inbox.local;

import java.nio.file.Path;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccounts;
import java.util.Optional;

/**
 * How to run the local inbox.
 *
 * @param port       HTTP port on localhost; 0 picks a free one
 * @param dataDir    where PostgreSQL keeps its data (kept across restarts)
 * @param fresh      delete {@code dataDir} first
 * @param pgPort     PostgreSQL's port; fixed by default so a restart finds the same server address
 * @param template   the SAM template whose HttpApi events are the routes
 * @param jwtSecret  HS256 secret the gateway verifies tokens with
 * @param seed       seed the demo organizations when they are missing
 * @param sqsPort    the local SQS's (ElasticMQ's) port on 127.0.0.1; 0 picks a free one
 * @param s3Port     the local S3's (S3Proxy's) port on 127.0.0.1; 0 picks a free one
 * @param smtpPort   the local mail server's (GreenMail's) SMTP port on 127.0.0.1; 0 picks a free one
 * @param imapPort   the local mail server's IMAP port on 127.0.0.1; 0 picks a free one
 * @param callbackDelayMs the channel sandbox's pause between the delivery callbacks that follow a send
 * @param wsPort     the local WebSocket API's port (and its @connections) on 127.0.0.1; 0 picks a free one
 */
public record LocalOptions(int port, Path dataDir, boolean fresh, int pgPort, Path template, String jwtSecret,
                           boolean seed, int sqsPort, int s3Port, int smtpPort, int imapPort, int callbackDelayMs,
                           int wsPort) {
    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_WS_PORT = 3001;
    public static final int DEFAULT_PG_PORT = 54329;
    public static final int DEFAULT_SQS_PORT = 9324;
    public static final int DEFAULT_S3_PORT = 9325;
    public static final String DEFAULT_DATA = ".local-data";
    public static final int DEFAULT_SMTP_PORT = SandboxAccounts.DEFAULT_SMTP_PORT;
    public static final int DEFAULT_IMAP_PORT = SandboxAccounts.DEFAULT_IMAP_PORT;
    public static final int DEFAULT_CALLBACK_DELAY_MS = (int) Sandbox.DEFAULT_CALLBACK_DELAY.toMillis();

    /** Without SQS/S3/mail/WebSocket ports: each picks a free port (programmatic use, e.g. the bench). */
    public LocalOptions(int port, Path dataDir, boolean fresh, int pgPort, Path template, String jwtSecret,
                        boolean seed) {
        this(port, dataDir, fresh, pgPort, template, jwtSecret, seed, 0, 0, 0, 0, DEFAULT_CALLBACK_DELAY_MS, 0);
    }

    public static final String USAGE = String.join("\n",
            "usage: inbox-local [--fresh] [--port N] [--ws-port N] [--data DIR] [--pg-port N] [--sqs-port N] [--s3-port N]"
                    + " [--smtp-port N] [--imap-port N] [--callback-delay-ms N] [--template FILE] [--no-seed]",
            "  --fresh          delete the data folder first (a new database and media store, seeded again)",
            "  --port N         HTTP port on localhost (default " + DEFAULT_PORT + ")",
            "  --ws-port N      WebSocket API (and its @connections) port on 127.0.0.1 (default " + DEFAULT_WS_PORT + ")",
            "  --data DIR       data folder (default " + DEFAULT_DATA + " at the repository root)",
            "  --pg-port N      embedded PostgreSQL port (default " + DEFAULT_PG_PORT + ")",
            "  --sqs-port N     local SQS (ElasticMQ) port on 127.0.0.1 (default " + DEFAULT_SQS_PORT + ")",
            "  --s3-port N      local S3 (S3Proxy) port on 127.0.0.1 (default " + DEFAULT_S3_PORT + ")",
            "  --smtp-port N    local mail server (GreenMail) SMTP port (default " + DEFAULT_SMTP_PORT + ")",
            "  --imap-port N    local mail server IMAP port (default " + DEFAULT_IMAP_PORT + ")",
            "  --callback-delay-ms N  channel sandbox: pause between delivery callbacks (default "
                    + DEFAULT_CALLBACK_DELAY_MS + ")",
            "  --template FILE  SAM template (default: template.yaml found from the working directory up)",
            "  --no-seed        do not seed the demo organizations",
            "Tokens are HS256 with INBOX_JWT_SECRET (default '" + DevTokens.DEFAULT_SECRET + "').");

    /** Defaults for a repository rooted at (or above) {@code workingDir}. */
    public static LocalOptions defaults(Path workingDir) {
        Path root = RepoPaths.root(workingDir);
        Optional<Path> template = RepoPaths.findTemplate(workingDir);
        return new LocalOptions(DEFAULT_PORT, root.resolve(DEFAULT_DATA), false, DEFAULT_PG_PORT,
                template.orElse(root.resolve(RepoPaths.TEMPLATE)), DevTokens.secret(), true, DEFAULT_SQS_PORT,
                DEFAULT_S3_PORT, DEFAULT_SMTP_PORT, DEFAULT_IMAP_PORT, DEFAULT_CALLBACK_DELAY_MS, DEFAULT_WS_PORT);
    }

    public static LocalOptions parse(String[] args, Path workingDir) {
        return parse(args, workingDir, workingDir);
    }

    /**
     * @param workingDir relative --data and --template values resolve against it
     * @param repoSearch where to look for the repository (template.yaml, from there up) for the defaults
     */
    public static LocalOptions parse(String[] args, Path workingDir, Path repoSearch) {
        LocalOptions o = defaults(repoSearch);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--fresh" -> o = o.withFresh(true);
                case "--no-seed" -> o = o.withSeed(false);
                case "--port" -> o = o.withPort(intArg(args, ++i, arg));
                case "--ws-port" -> o = o.withWsPort(intArg(args, ++i, arg));
                case "--pg-port" -> o = o.withPgPort(intArg(args, ++i, arg));
                case "--sqs-port" -> o = o.withSqsPort(intArg(args, ++i, arg));
                case "--s3-port" -> o = o.withS3Port(intArg(args, ++i, arg));
                case "--smtp-port" -> o = o.withMailPorts(intArg(args, ++i, arg), o.imapPort());
                case "--imap-port" -> o = o.withMailPorts(o.smtpPort(), intArg(args, ++i, arg));
                case "--callback-delay-ms" -> o = o.withCallbackDelayMs(intArg(args, ++i, arg));
                case "--data" -> o = o.withDataDir(workingDir.resolve(stringArg(args, ++i, arg)));
                case "--template" -> o = o.withTemplate(workingDir.resolve(stringArg(args, ++i, arg)));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return o;
    }

    public LocalOptions withPort(int value) {
        return new LocalOptions(value, dataDir, fresh, pgPort, template, jwtSecret, seed, sqsPort, s3Port, smtpPort, imapPort,
                callbackDelayMs, wsPort);
    }

    public LocalOptions withDataDir(Path value) {
        return new LocalOptions(port, value.toAbsolutePath().normalize(), fresh, pgPort, template, jwtSecret, seed,
                sqsPort, s3Port, smtpPort, imapPort, callbackDelayMs, wsPort);
    }

    public LocalOptions withFresh(boolean value) {
        return new LocalOptions(port, dataDir, value, pgPort, template, jwtSecret, seed, sqsPort, s3Port, smtpPort, imapPort,
                callbackDelayMs, wsPort);
    }

    public LocalOptions withPgPort(int value) {
        return new LocalOptions(port, dataDir, fresh, value, template, jwtSecret, seed, sqsPort, s3Port, smtpPort, imapPort,
                callbackDelayMs, wsPort);
    }

    public LocalOptions withTemplate(Path value) {
        return new LocalOptions(port, dataDir, fresh, pgPort, value.toAbsolutePath().normalize(), jwtSecret, seed,
                sqsPort, s3Port, smtpPort, imapPort, callbackDelayMs, wsPort);
    }

    public LocalOptions withSeed(boolean value) {
        return new LocalOptions(port, dataDir, fresh, pgPort, template, jwtSecret, value, sqsPort, s3Port, smtpPort,
                imapPort, callbackDelayMs, wsPort);
    }

    public LocalOptions withSqsPort(int value) {
        return new LocalOptions(port, dataDir, fresh, pgPort, template, jwtSecret, seed, value, s3Port, smtpPort, imapPort,
                callbackDelayMs, wsPort);
    }

    public LocalOptions withS3Port(int value) {
        return new LocalOptions(port, dataDir, fresh, pgPort, template, jwtSecret, seed, sqsPort, value, smtpPort, imapPort,
                callbackDelayMs, wsPort);
    }

    /** All seven ports at once, e.g. 0 for tests. */
    public LocalOptions withAllPorts(int value) {
        return new LocalOptions(value, dataDir, fresh, value, template, jwtSecret, seed, value, value, value, value,
                callbackDelayMs, value);
    }

    public LocalOptions withMailPorts(int smtp, int imap) {
        return new LocalOptions(port, dataDir, fresh, pgPort, template, jwtSecret, seed, sqsPort, s3Port, smtp, imap,
                callbackDelayMs, wsPort);
    }

    public LocalOptions withCallbackDelayMs(int value) {
        return new LocalOptions(port, dataDir, fresh, pgPort, template, jwtSecret, seed, sqsPort, s3Port, smtpPort,
                imapPort, value, wsPort);
    }

    public LocalOptions withWsPort(int value) {
        return new LocalOptions(port, dataDir, fresh, pgPort, template, jwtSecret, seed, sqsPort, s3Port, smtpPort, imapPort,
                callbackDelayMs, value);
    }

    public LocalOptions withJwtSecret(String value) {
        return new LocalOptions(port, dataDir, fresh, pgPort, template, value, seed, sqsPort, s3Port, smtpPort, imapPort,
                callbackDelayMs, wsPort);
    }

    private static int intArg(String[] args, int i, String name) {
        try {
            int value = Integer.parseInt(stringArg(args, i, name));
            if (value < 0 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a port number (0-65535)\n" + USAGE);
        }
    }

    private static String stringArg(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
