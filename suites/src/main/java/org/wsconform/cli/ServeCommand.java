package org.wsconform.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.wsconform.serve.ClientCatalogue;
import org.wsconform.serve.FuzzingServer;
import org.wsconform.serve.ServerTls;
import org.wsconform.session.SessionSettings;
import org.wsconform.verdict.Gate.FailOn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wsconform serve}: the fuzzing server alone, for any client driver (Autobahn's
 * fuzzingserver, done with wsconform's judge and reports).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Listens as a WebSocket server and plays the server side of every client case, as Autobahn|Testsuite's",
      "fuzzingserver does, so the client drivers projects already have work unchanged:",
      "  /getCaseCount                      the number of cases (a text message)",
      "  /getCaseInfo?case=N                {\"id\": ..., \"description\": ...}",
      "  /runCase?case=N&agent=A            runs case N (or casetuple=1.1.1); the client echoes every message",
      "  /getCaseStatus?case=N&agent=A      {\"behavior\": ...}",
      "  /updateReports?agent=A             writes A's reports (every agent's without agent=)",
      "  /stopServer                        stops",
      "Autobahn's cases keep their numbers (1-517) and ids; wsconform's own client cases follow (--list in",
      "'wsconform clients --list'). Each agent's results go to reports/out/<run-id>/ as in a server run. It serves",
      "until stopped (Ctrl-C writes the reports of every agent with results), /stopServer, or --until-reports."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wsconform serve --port 9001",
      "  wsconform serve --port 9443 --tls                   # self-signed for localhost; trust the printed PEM",
      "  wsconform serve --tls --cert chain.pem --key key.pem --bind 0.0.0.0",
      "",
      "Exit codes: 0 stopped; 2 bad usage (port in use, bad certificate)."
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      defaultValue = "9001",
      description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}, Autobahn's)")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE}, loopback only)")
  String bind;

  @Option(names = "--tls", description = "wss:// (a self-signed certificate unless --cert/--key)")
  boolean tls;

  @Option(names = "--cert", paramLabel = "PEM", description = "certificate chain for --tls (PEM)")
  Path cert;

  @Option(names = "--key", paramLabel = "PEM", description = "private key for --tls (PEM, PKCS#8)")
  Path key;

  @Option(
      names = "--until-reports",
      description = "stop once a client driver has called /updateReports")
  boolean untilReports;

  @Option(
      names = "--deflate-round-trips",
      paramLabel = "N",
      defaultValue = "1000",
      description = "round trips per 12.*/13.* case (default: Autobahn's ${DEFAULT-VALUE})")
  int deflateRoundTrips;

  @Option(
      names = "--timeout-scale",
      paramLabel = "X",
      defaultValue = "1",
      description = "multiply every timer and deadline by X (default: ${DEFAULT-VALUE})")
  double timeoutScale;

  @Option(names = "--strict", description = "NON-STRICT, WRONG CODE and UNCLEAN count as failures")
  boolean strict;

  @Option(
      names = "--browser",
      description = "the clients are browsers: they must send Origin (CH.10)")
  boolean browser;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description = "where run folders go (default: reports/out)")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path home = Path.of(System.getProperty("wsconform.home", "."));
    Path outBase = out != null ? out : home.resolve("reports").resolve("out");
    if ((cert == null) != (key == null)) {
      stderr.println(
          "wsconform serve: --cert and --key go together (a PEM chain and its PKCS#8 key)");
      return 2;
    }
    if (port < 0 || port > 65535 || deflateRoundTrips < 1 || !(timeoutScale > 0)) {
      stderr.println(
          "wsconform serve: --port must be 0-65535, --deflate-round-trips at least 1, --timeout-scale"
              + " positive");
      return 2;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      stderr.println("wsconform serve: --bind '" + bind + "' is not an address of this machine");
      return 2;
    }
    SSLContext ssl = null;
    if (tls || cert != null) {
      try {
        ServerTls.Identity id =
            cert != null
                ? ServerTls.fromPem(cert, key)
                : ServerTls.selfSigned(outBase.resolve("serve-tls"));
        ssl = id.context();
        stdout.println(
            "TLS certificate (give it to clients as their trusted CA): " + id.certificate());
      } catch (IllegalArgumentException e) {
        stderr.println("wsconform serve: " + e.getMessage());
        return 2;
      }
    }
    FuzzingServer server;
    try {
      server =
          FuzzingServer.start(
              new FuzzingServer.Settings(
                  address,
                  port,
                  ssl,
                  outBase,
                  ClientCatalogue.all(deflateRoundTrips),
                  deflateRoundTrips,
                  new SessionSettings(timeoutScale, 256L << 20, null),
                  FailOn.of(strict),
                  browser,
                  null,
                  line -> {
                    synchronized (stdout) {
                      stdout.println(line);
                      stdout.flush();
                    }
                  }));
    } catch (BindException e) {
      stderr.println(
          "wsconform serve: cannot listen on "
              + bind
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "): another process uses it; pick another --port (0 = any free port)");
      return 2;
    }
    stdout.println(
        "wsconform serve: "
            + server.cases().size()
            + " client cases at "
            + server.base()
            + " (try "
            + server.base()
            + "/getCaseCount); Ctrl-C stops and writes the reports");
    stdout.flush();
    Thread onSignal =
        new Thread(
            () -> {
              try {
                server.updateAll();
              } catch (Exception e) {
                stderr.println("wsconform serve: reports could not be written: " + e.getMessage());
              }
              server.close();
            },
            "wsconform-serve-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      if (untilReports) {
        while (!server.awaitReports(Duration.ofSeconds(1))) {
          if (server.awaitStop(Duration.ZERO)) break;
        }
      } else {
        server.awaitStop(Duration.ofDays(365));
      }
    } finally {
      server.updateAll();
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the signal came: the hook owns the rest
      }
    }
    return 0;
  }
}
