// Server projects on a real PostgreSQL 15 (a throwaway cluster the CTest fixture pg_cluster
// starts on a free loopback port): push and pull are lossless, and every refusal names the
// server or the file and the problem.
#include <gtest/gtest.h>

#include <algorithm>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "storage/SqliteConnection.h"
#include "cli/ServerFixture.h"

namespace {

using avqa::test::readBytes;
using avqa::test::Outcome;
using avqa::test::ServerProject;

// Every row of every table, as bytes with its SQLite type, in a stable order.
std::vector<std::string> allRows(const std::string& path) {
  avqa::SqliteConnection connection(path, avqa::DbConnection::OpenMode::ReadOnly);
  std::vector<std::string> tables, rows;
  avqa::DbStatement names = connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (names.step()) tables.push_back(names.columnText(0));
  for (const std::string& table : tables) {
    avqa::DbStatement select = connection.prepare("SELECT * FROM \"" + table + "\" ORDER BY 1, 2");
    while (select.step()) {
      std::string row = table + ":";
      for (int c = 0; c < 32; ++c) {
        try {
          row += select.columnIsNull(c) ? "<null>|" : std::string(select.columnView(c)) + "|";
        } catch (...) {
          break;
        }
      }
      rows.push_back(row);
    }
  }
  return rows;
}

TEST_F(ServerProject, PushThenPullIsLosslessAndAnUneditedSplitExportsByteForByte) {
  const std::string original = makeProject("lossless", 300);
  const Outcome pushed = run("push " + original + " " + project("lossless"));
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  EXPECT_NE(pushed.out.find("340 questions"), std::string::npos) << pushed.out;
  const std::string copy = dir_.file("pulled.avqa");
  const Outcome pulled = run("pull " + project("lossless") + " " + copy);
  ASSERT_EQ(pulled.exit_code, 0) << pulled.err;
  EXPECT_EQ(allRows(copy), allRows(original)) << "every table, row and byte";
  EXPECT_GT(allRows(copy).size(), 380u);
  // The unedited split exports as the file it was imported from; the edited one as the original does.
  ASSERT_EQ(run("export " + copy + " --split test --out " + dir_.file("test-again.json")).exit_code, 0);
  EXPECT_EQ(readBytes(dir_.file("test-again.json")), readBytes(dir_.file("lossless-test.json")));
  ASSERT_EQ(run("export " + original + " --split val --out " + dir_.file("val-original.json")).exit_code, 0);
  ASSERT_EQ(run("export " + copy + " --split val --out " + dir_.file("val-pulled.json")).exit_code, 0);
  EXPECT_EQ(readBytes(dir_.file("val-pulled.json")), readBytes(dir_.file("val-original.json")));
  EXPECT_NE(readBytes(dir_.file("val-pulled.json")), readBytes(dir_.file("lossless-val.json"))) << "the edit is kept";
  const Outcome checked = run("check " + copy);
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
}

TEST_F(ServerProject, RefusalsNameTheServerOrFileAndTheProblem) {
  const std::string original = makeProject("refusals", 30);
  ASSERT_EQ(run("push " + original + " " + project("refusals")).exit_code, 0);
  const Outcome again = run("push " + original + " " + project("refusals"));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already has a project \"refusals\""), std::string::npos) << again.err;
  EXPECT_EQ(run("push --replace " + original + " " + project("refusals")).exit_code, 0);

  const Outcome exists = run("pull " + project("refusals") + " " + original);
  EXPECT_EQ(exists.exit_code, 1);
  EXPECT_NE(exists.err.find(original + ": already exists"), std::string::npos) << exists.err;
  const Outcome missing = run("pull " + project("nobody") + " " + dir_.file("x.avqa"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("has no project \"nobody\""), std::string::npos) << missing.err;

  // A password in the URL is refused and not echoed.
  std::string with_password = url_;
  with_password.insert(with_password.find("avqa_test@"), "avqa_test:s3cret-pw@");
  with_password.erase(with_password.find("@avqa_test@") + 1, 10);
  const Outcome password = run("push " + original + " '" + with_password + "'");
  EXPECT_EQ(password.exit_code, 1);
  EXPECT_NE(password.err.find(".pgpass"), std::string::npos) << password.err;
  EXPECT_EQ(password.err.find("s3cret-pw"), std::string::npos) << password.err;

  // A server that is not there: named with the reason, nothing written.
  const Outcome away = run("pull 'postgresql://avqa_test@127.0.0.1:1/avqa_test?project=refusals' " + dir_.file("away.avqa"));
  EXPECT_EQ(away.exit_code, 1);
  EXPECT_NE(away.err.find("postgresql://avqa_test@127.0.0.1:1/avqa_test?project=refusals: cannot be reached"), std::string::npos)
      << away.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("away.avqa")));

  // A wrong password (from a password file, never the URL) or none: one line naming the
  // server, never the password.
  ASSERT_EQ(psql("DROP ROLE IF EXISTS avqa_password_role; CREATE ROLE avqa_password_role LOGIN PASSWORD 'right-secret'"), 0);
  std::string password_role = url_;
  password_role.replace(password_role.find("avqa_test@"), 10, "avqa_password_role@");
  const std::string port = url_.substr(url_.rfind(':') + 1, url_.rfind('/') - url_.rfind(':') - 1);
  std::ofstream(dir_.file("pgpass")) << "127.0.0.1:" << port << ":avqa_test:avqa_password_role:wrong-secret\n";
  std::filesystem::permissions(dir_.file("pgpass"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  for (const std::string& pgpass : {dir_.file("pgpass"), dir_.file("no-such-pgpass")}) {
    const Outcome login = run("stats '" + password_role + "?project=refusals'", "/dev/null", "PGPASSFILE=" + pgpass);
    EXPECT_EQ(login.exit_code, 1);
    EXPECT_NE(login.err.find("avqa_password_role@127.0.0.1:" + port + "/avqa_test?project=refusals: refused the login"), std::string::npos)
        << login.err;
    EXPECT_NE(login.err.find("~/.pgpass"), std::string::npos) << login.err;
    EXPECT_EQ(login.err.find("secret"), std::string::npos) << login.err;
    EXPECT_EQ(std::count(login.err.begin(), login.err.end(), '\n'), 1) << login.err;
  }

  // A server project of a newer schema is refused by this older client.
  ASSERT_EQ(psql("UPDATE avqa_projects SET schema_version = 99 WHERE name = 'refusals'"), 0);
  const Outcome newer = run("pull " + project("refusals") + " " + dir_.file("newer.avqa"));
  EXPECT_EQ(newer.exit_code, 1);
  EXPECT_NE(newer.err.find("has schema 99, written by a newer AVQA Lens"), std::string::npos) << newer.err;

  const Outcome bad_name = run("push " + original + " '" + url_ + "?project=no;drop'");
  EXPECT_EQ(bad_name.exit_code, 1);
  EXPECT_NE(bad_name.err.find("must be 1 to 40 letters"), std::string::npos) << bad_name.err;
}

// A role with read-only rights pulls (browses) a server project; its push is refused by the
// server, named, and changes nothing.
TEST_F(ServerProject, AReadOnlyRolePullsButCannotPush) {
  const std::string original = makeProject("readonly", 30);
  ASSERT_EQ(run("push " + original + " " + project("readonly")).exit_code, 0);
  ASSERT_EQ(psql("DROP ROLE IF EXISTS avqa_reader; CREATE ROLE avqa_reader LOGIN; "
                 "GRANT SELECT ON avqa_projects TO avqa_reader; GRANT USAGE ON SCHEMA avqa_project_readonly TO avqa_reader; "
                 "GRANT SELECT ON ALL TABLES IN SCHEMA avqa_project_readonly TO avqa_reader"),
            0);
  std::string reader = url_;
  reader.replace(reader.find("avqa_test@"), 10, "avqa_reader@");
  const Outcome pulled = run("pull '" + reader + "?project=readonly' " + dir_.file("reader.avqa"));
  ASSERT_EQ(pulled.exit_code, 0) << pulled.err;
  EXPECT_EQ(allRows(dir_.file("reader.avqa")), allRows(original));
  const Outcome pushed = run("push --replace " + original + " '" + reader + "?project=readonly'");
  EXPECT_EQ(pushed.exit_code, 1);
  EXPECT_NE(pushed.err.find("postgresql://avqa_reader@"), std::string::npos) << pushed.err;
  EXPECT_NE(pushed.err.find("is read-only (role avqa_reader may only read it)"), std::string::npos) << pushed.err;
  // Opened directly, the project browses for the reader and refuses its edits in the same words.
  const Outcome stats = run("stats '" + reader + "?project=readonly'");
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("Split all: 70 records"), std::string::npos) << stats.out;
  const Outcome edited = run("annotate '" + reader + "?project=readonly' --who reader", dir_.file("readonly-edits.jsonl"));
  EXPECT_EQ(edited.exit_code, 1);
  EXPECT_NE(edited.err.find("is read-only (role avqa_reader may only read it)"), std::string::npos) << edited.err;
  const Outcome again = run("pull " + project("readonly") + " " + dir_.file("after.avqa"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(allRows(dir_.file("after.avqa")), allRows(original)) << "the refused push changed nothing";
}

// Every command takes a server project's URL where it takes a project file, and prints and
// writes what it does for the file.
TEST_F(ServerProject, CommandsTakeAServerProjectAsTheyTakeAFile) {
  const std::string original = makeProject("reading", 200);
  ASSERT_EQ(run("push " + original + " " + project("reading")).exit_code, 0);
  for (const std::string& command : {std::string("stats"), std::string("table --run r1"), std::string("stats --json")}) {
    const Outcome from_file = run(command.substr(0, command.find(' ')) + " " + original + command.substr(std::min(command.size(), command.find(' '))));
    const Outcome from_server = run(command.substr(0, command.find(' ')) + " " + project("reading") +
                                    command.substr(std::min(command.size(), command.find(' '))));
    ASSERT_EQ(from_server.exit_code, 0) << command << ": " << from_server.err;
    EXPECT_FALSE(from_server.out.empty()) << command;
    EXPECT_EQ(from_server.out, from_file.out) << command;
  }
  ASSERT_EQ(run("export " + project("reading") + " --split test --out " + dir_.file("from-server.json")).exit_code, 0);
  EXPECT_EQ(readBytes(dir_.file("from-server.json")), readBytes(dir_.file("reading-test.json")));

  // Commands that change a project change the server project in place, as they change a file.
  std::ofstream(dir_.file("more-edits.jsonl")) << R"({"op": "answer", "row": 206, "answer": "three"})" << "\n"
                                               << R"({"op": "flag", "row": 207, "flags": ["ambiguous"]})" << "\n";
  const Outcome on_server = run("annotate " + project("reading") + " --who tester", dir_.file("more-edits.jsonl"));
  ASSERT_EQ(on_server.exit_code, 0) << on_server.err;
  ASSERT_EQ(run("annotate " + original + " --who tester", dir_.file("more-edits.jsonl")).exit_code, 0);
  ASSERT_EQ(run("export " + project("reading") + " --split val --out " + dir_.file("server-val.json")).exit_code, 0);
  ASSERT_EQ(run("export " + original + " --split val --out " + dir_.file("file-val.json")).exit_code, 0);
  EXPECT_NE(readBytes(dir_.file("server-val.json")).find("\"three\""), std::string::npos);
  EXPECT_EQ(readBytes(dir_.file("server-val.json")), readBytes(dir_.file("file-val.json")));
  // A project made on the server by its first import.
  const Outcome imported = run("import " + project("made-there") + " --music-avqa " + dir_.file("reading-test.json") + " --split test");
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  ASSERT_EQ(run("export " + project("made-there") + " --split test --out " + dir_.file("made-there.json")).exit_code, 0);
  EXPECT_EQ(readBytes(dir_.file("made-there.json")), readBytes(dir_.file("reading-test.json")));
  const Outcome missing = run("stats " + std::string("'") + url_ + "?project=absent'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("has no project \"absent\""), std::string::npos) << missing.err;
}

// A snapshot of a server project (NAME.snapshot.avqa, what `open URL` and the reading
// commands use) opens read-only, whoever runs it (root too): an edit there would be lost.
TEST_F(ServerProject, ASnapshotOpensReadOnly) {
  const std::string original = makeProject("snap", 30);
  ASSERT_EQ(run("push " + original + " " + project("snap")).exit_code, 0);
  const std::string snapshot = dir_.file("snap.snapshot.avqa");
  ASSERT_EQ(run("pull " + project("snap") + " " + snapshot).exit_code, 0);
  EXPECT_EQ(run("stats " + snapshot).exit_code, 0);
  const Outcome edited = run("annotate " + snapshot, dir_.file("snap-edits.jsonl"));
  EXPECT_NE(edited.exit_code, 0);
  EXPECT_NE(edited.err.find("a snapshot of a server project"), std::string::npos) << edited.err;
  EXPECT_EQ(allRows(snapshot), allRows(original)) << "nothing was written";
  // The project's folder stored relative to it (snap-videos) is found beside where the
  // command runs, not in the snapshot's temporary folder.
  const auto folders_from = [&](const std::string& working_folder) {
    const std::string out = dir_.file("folders.txt");
    EXPECT_EQ(std::system(("cd " + working_folder + " && " + AVQA_LENS_EXE + " folders " + snapshot + " >" + out).c_str()), 0);
    return readBytes(out);
  };
  EXPECT_NE(folders_from(dir_.file("")).find(dir_.file("snap-videos")), std::string::npos) << folders_from(dir_.file(""));
  EXPECT_NE(folders_from("/").find("videos    /snap-videos"), std::string::npos) << folders_from("/");
}

// Each machine keeps its own copy of a server project's folders: `folders --map` records it
// in that user's folder map, every command there then finds it, and another machine's map
// is its own. A name the project does not keep, or a folder that is not there, is refused.
TEST_F(ServerProject, FoldersAreMappedToEachMachinesOwnCopy) {
  const std::string original = makeProject("mapped", 20);
  ASSERT_EQ(run("push " + original + " " + project("mapped")).exit_code, 0);
  for (const char* machine : {"machine-a", "machine-b"}) std::filesystem::create_directories(dir_.file(machine) + "/copy");
  const auto on = [&](const std::string& machine) { return "XDG_CONFIG_HOME=" + dir_.file(machine + "/config"); };
  const Outcome mapped_a = run("folders " + project("mapped") + " --map mapped-videos=" + dir_.file("machine-a/copy"), "/dev/null", on("machine-a"));
  ASSERT_EQ(mapped_a.exit_code, 0) << mapped_a.err;
  EXPECT_NE(mapped_a.out.find("videos    " + dir_.file("machine-a/copy") + "  (stored as mapped-videos)"), std::string::npos) << mapped_a.out;
  ASSERT_EQ(run("folders " + project("mapped") + " --map mapped-videos=" + dir_.file("machine-b/copy"), "/dev/null", on("machine-b")).exit_code, 0);
  EXPECT_NE(run("folders " + project("mapped"), "/dev/null", on("machine-a")).out.find(dir_.file("machine-a/copy")), std::string::npos);
  EXPECT_NE(run("folders " + project("mapped"), "/dev/null", on("machine-b")).out.find(dir_.file("machine-b/copy")), std::string::npos);
  EXPECT_EQ(query("SELECT path FROM avqa_project_mapped.video_folders"), "mapped-videos\n") << "the project keeps the name only";

  const Outcome unknown = run("folders " + project("mapped") + " --map other=" + dir_.file("machine-a/copy"), "/dev/null", on("machine-a"));
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("keeps no folder \"other\" (it keeps: mapped-videos)"), std::string::npos) << unknown.err;
  const Outcome absent = run("folders " + project("mapped") + " --map mapped-videos=" + dir_.file("nowhere"), "/dev/null", on("machine-a"));
  EXPECT_EQ(absent.exit_code, 1);
  EXPECT_NE(absent.err.find(dir_.file("nowhere") + ": is not a folder on this machine"), std::string::npos) << absent.err;
  const Outcome unmapped = run("folders " + project("mapped") + " --unmap mapped-videos", "/dev/null", on("machine-a"));
  EXPECT_EQ(unmapped.out.find("machine-a/copy"), std::string::npos) << unmapped.out;
}

// Eight annotators at once on one server project, 200 edits each: every acknowledged edit is
// stored, none is lost, and an edit of a question another annotator changed after the
// annotator's session began is refused and reported, never stored over it.
TEST_F(ServerProject, EightConcurrentAnnotatorsLoseNoEditAndAreRefusedStaleOnes) {
  constexpr int kAnnotators = 8, kOwnRows = 25, kSharedRows = 5;
  const std::string original = makeProject("team", 200);  // rows 1-200: test; 201-240: val
  ASSERT_EQ(run("push " + original + " " + project("team")).exit_code, 0);
  std::string script = "set -e\n";
  for (int a = 0; a < kAnnotators; ++a) {
    std::ofstream edits(dir_.file("edits-" + std::to_string(a) + ".jsonl"));
    for (int round = 0; round < 7; ++round) {  // 175 edits of the annotator's own 25 questions
      for (int k = 0; k < kOwnRows; ++k) {
        edits << R"({"op": "answer", "row": )" << 1 + a * kOwnRows + k << R"(, "answer": "a)" << a << "-" << round << "\"}\n";
      }
    }
    for (int round = 0; round < 5; ++round) {  // 25 edits of five questions everyone edits
      for (int k = 0; k < kSharedRows; ++k) {
        edits << R"({"op": "answer", "row": )" << 201 + k << R"(, "answer": "s)" << a << "-" << round << "\"}\n";
      }
    }
    // Every session begins (and reads) before the first edit arrives two seconds later.
    script += "(sleep 2; cat " + dir_.file("edits-" + std::to_string(a) + ".jsonl") + ") | " + AVQA_LENS_EXE + " annotate " +
              project("team") + " --who ann" + std::to_string(a) + " >" + dir_.file("ack-" + std::to_string(a)) + " 2>" +
              dir_.file("err-" + std::to_string(a)) + " &\n";
  }
  script += "wait\n";
  std::ofstream(dir_.file("team.sh")) << script;
  std::system(("bash " + dir_.file("team.sh")).c_str());

  int refused_total = 0;
  for (int a = 0; a < kAnnotators; ++a) {
    std::istringstream acks(readBytes(dir_.file("ack-" + std::to_string(a))));
    std::string word;
    std::int64_t row = 0;
    int ok = 0, refused = 0;
    while (acks >> word >> row) {
      if (word == "ok") ++ok;
      if (word == "refused") {
        ++refused;
        EXPECT_GE(row, 201) << "only questions others edit can be stale";
      }
    }
    EXPECT_EQ(ok + refused, 200) << "annotator " << a << ": " << readBytes(dir_.file("err-" + std::to_string(a)));
    refused_total += refused;
    // Every acknowledged edit is in the history under its author, and nothing else of theirs.
    EXPECT_EQ(query("SELECT count(*) FROM avqa_project_team.question_history WHERE changed_by = 'ann" + std::to_string(a) +
                    " (avqa_test)'"),
              std::to_string(ok) + "\n");
    const std::string errors = readBytes(dir_.file("err-" + std::to_string(a)));
    if (refused > 0) {
      EXPECT_NE(errors.find("was changed by ann"), std::string::npos) << errors;
    }
    // The annotator's own questions hold their last answer.
    EXPECT_EQ(query("SELECT DISTINCT answer FROM avqa_project_team.questions WHERE id BETWEEN " + std::to_string(1 + a * kOwnRows) +
                    " AND " + std::to_string((a + 1) * kOwnRows)),
              "a" + std::to_string(a) + "-6\n");
  }
  // The first annotator to edit a shared question keeps it: the seven others' 25 edits of it
  // are refused (their sessions began before that edit), 7 x 5 x 5 in all.
  EXPECT_EQ(refused_total, (kAnnotators - 1) * kSharedRows * 5);
  for (int k = 0; k < kSharedRows; ++k) {
    const std::string row = std::to_string(201 + k);
    // No lost update: each stored edit began from the answer the one before it left.
    const std::string chain = query("SELECT count(*) FROM avqa_project_team.question_history h JOIN avqa_project_team.question_history p "
                                    "ON p.question_row = h.question_row AND p.id = (SELECT max(id) FROM avqa_project_team.question_history "
                                    "WHERE question_row = h.question_row AND id < h.id) WHERE h.question_row = " + row +
                                    " AND h.old_value <> p.new_value");
    EXPECT_EQ(chain, "0\n") << "question " << row;
    EXPECT_EQ(query("SELECT count(DISTINCT changed_by) FROM avqa_project_team.question_history WHERE question_row = " + row +
                    " AND changed_by LIKE 'ann%'"),
              "1\n");
    EXPECT_EQ(query("SELECT q.answer = h.new_value FROM avqa_project_team.questions q JOIN avqa_project_team.question_history h "
                    "ON h.question_row = q.id WHERE q.id = " + row + " ORDER BY h.id DESC LIMIT 1"),
              "t\n");
  }
}

// Double annotation on a server project: two annotators answer blind, each from a process
// of their own; `agreement` reports their agreement and the disagreements to adjudicate.
TEST_F(ServerProject, TwoBlindAnnotatorsAndTheirAgreement) {
  const std::string original = makeProject("blind", 20);
  ASSERT_EQ(run("push " + original + " " + project("blind")).exit_code, 0);
  ASSERT_EQ(run("blind-assign " + project("blind") + " --split test --annotators ada,bob").exit_code, 0);
  // Four questions: alike on rows 1, 2 and 4, apart on row 3.
  std::ofstream(dir_.file("ada.jsonl")) << R"({"op": "answer", "row": 1, "answer": "yes"})" << "\n"
                                        << R"({"op": "answer", "row": 2, "answer": "no"})" << "\n"
                                        << R"({"op": "answer", "row": 3, "answer": "yes"})" << "\n"
                                        << R"({"op": "answer", "row": 4, "answer": "no"})" << "\n";
  std::ofstream(dir_.file("bob.jsonl")) << R"({"op": "answer", "row": 1, "answer": "yes"})" << "\n"
                                        << R"({"op": "answer", "row": 2, "answer": "no"})" << "\n"
                                        << R"({"op": "answer", "row": 3, "answer": "no"})" << "\n"
                                        << R"({"op": "answer", "row": 4, "answer": "no"})" << "\n";
  ASSERT_EQ(run("annotate " + project("blind") + " --blind --who ada", dir_.file("ada.jsonl")).exit_code, 0);
  ASSERT_EQ(run("annotate " + project("blind") + " --blind --who bob", dir_.file("bob.jsonl")).exit_code, 0);
  const Outcome carol = run("annotate " + project("blind") + " --blind --who carol", dir_.file("bob.jsonl"));
  EXPECT_EQ(carol.exit_code, 1);
  EXPECT_NE(carol.err.find("is not given to carol"), std::string::npos) << carol.err;
  ASSERT_EQ(run("export " + project("blind") + " --split test --out " + dir_.file("blind-test.json")).exit_code, 0);
  ASSERT_EQ(run("export " + original + " --split test --out " + dir_.file("blind-file-test.json")).exit_code, 0);
  EXPECT_EQ(readBytes(dir_.file("blind-test.json")), readBytes(dir_.file("blind-file-test.json"))) << "blind answers leave the stored ones";
  const Outcome report = run("agreement " + project("blind") + " --split test --json");
  ASSERT_EQ(report.exit_code, 0) << report.err;
  // Worked by hand: p_o = 3/4; ada yes 2/4, bob yes 1/4: p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2; kappa = 1/2.
  EXPECT_NE(report.out.find("\"agreement_percent\": 75.0"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("\"kappa\": 0.5"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("\"row\": 3"), std::string::npos) << report.out;
  EXPECT_EQ(report.out.find("\"row\": 1,"), std::string::npos) << "only the disagreement is listed: " << report.out;
}

}  // namespace
