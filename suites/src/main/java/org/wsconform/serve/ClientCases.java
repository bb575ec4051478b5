package org.wsconform.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;

/**
 * wsconform's own client cases, numbered after Autobahn's 517: the client's opening request ({@link
 * ClientRequestCases}, CH.*), its checks of the 101 ({@link ClientAnswerCases}, CA.*), then
 * masking, closing and permessage-deflate from the client's side ({@link ClientSessionCases}, CM.*,
 * CC.*, CX.*).
 */
public final class ClientCases {
  private ClientCases() {}

  /** What every client case runs once its handshake is done: one echo, then the harness closes. */
  public static final Consumer<Session> ECHO_THEN_CLOSE =
      f -> {
        f.expect(Expectation.ok(List.of(Event.text("wsconform")), CloseExpectation.byMe(1000)));
        f.sendMessage("wsconform");
        f.killAfter(2);
      };

  public static List<ClientCase> cases() {
    List<ClientCase> l = new ArrayList<>();
    l.addAll(ClientRequestCases.cases());
    l.addAll(ClientAnswerCases.cases());
    l.addAll(ClientSessionCases.cases());
    return l;
  }

  /** A client case (numbered later by {@link ClientCatalogue}). */
  static ClientCase of(
      String id,
      String group,
      String groupTitle,
      String title,
      String description,
      String expectation,
      Requirement requirement,
      String rfc,
      Consumer<Session> onOpen,
      ServerSide server) {
    return new ClientCase(
        0,
        ConformanceCase.session(
            id, group, groupTitle, title, description, expectation, requirement, rfc, onOpen),
        server);
  }
}
