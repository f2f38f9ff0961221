"""Kinds of dynamic output the built-in rules understand beyond timestamps and UUIDs:
random tokens, memory and load figures, ``time -p`` lines, curl's meter, vmstat,
volatile JSON keys of loggers, identities seen again bare, short hex ids without a
letter; and tables that may re-align but not lose their padding. Each with the
regression beside it that must stay caught."""

from __future__ import annotations

from pytest_testronaut.verify import compare_outputs, normalize


def passes(expected: str, actual: str, **kwargs: object) -> bool:
    return compare_outputs(expected, actual, **kwargs).passed  # type: ignore[arg-type]


# --- random tokens ---------------------------------------------------------------------
def test_random_base64_tokens_pass_and_keep_their_length() -> None:
    assert passes("HvEmK/Op3PPgtYEImkoIS1mK\nWGm6NcXmoeEXfEH2\n",
                  "bp6jWWYH0yLlbYWHsaXIKvnf\nWAdzxcgpJ6L6d10b\n")
    assert passes("salt: LwhzN/dNG+TkhajbQD4F0g==\n", "salt: xhCj8nMRirZm/CZp3UHNqQ==\n")
    # shorter: another kind of token, not a re-run
    assert not passes("HvEmK/Op3PPgtYEImkoIS1mK\n", "bp6jWWYH0yLlbYWHsaXI\n")
    # the word beside it is content
    assert not passes("api key: 1Q1-WAHnIZspOreOUanhhaRMF5zbe\n",
                      "api token: rbEaE7tG32GZQb6pqPGY9BU5ZQDIF\n")


def test_names_that_only_look_like_tokens_are_data() -> None:
    # camelCase names switch character class at word boundaries only
    assert not passes("class ThisIsAVeryLongClassName\n", "class ThatIsAVeryLongClassName\n")
    # one character of a token changed: a changed value, not a new random one
    assert not passes("HvEmK/Op3PPgtYEImkoIS1mK\n", "HvEmK/Op3PPgtYEImkoIS1mX\n")


def test_a_keyed_token_may_hold_base64_punctuation() -> None:
    assert passes("nonce=jbKSWpwKIwMh/SfC\n", "nonce=EiSjETdQet5R+jgQ\n")
    assert not passes("nonce=jbKSWpwKIwMh/SfC\n", "nonce=EiSjETdQet5R+j\n")


# --- memory, load, uptime, /proc ---------------------------------------------------------
def test_memory_figures_of_proc_move_but_totals_and_names_do_not() -> None:
    expected = "MemTotal:       24684132 kB\nMemFree:        22937500 kB\nVmRSS:\t    1708 kB\n"
    actual = "MemTotal:       24684132 kB\nMemFree:        22487996 kB\nVmRSS:\t    1712 kB\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("24684132", "24684133"))
    assert not passes(expected, actual.replace("kB\nVmRSS", "MB\nVmRSS"))


def test_proc_loadavg_and_uptime_keys() -> None:
    assert passes("4.59 3.14 1.42 11/212 1486\n", "4.89 3.25 1.47 9/214 4017\n")
    assert not passes("4.59 3.14 1.42 11/212 1486\n", "4.89 3.25 1.47\n")
    assert passes("uptime seconds: 503.66\n", "uptime seconds: 510.02\n")
    assert not passes("boot count: 503\n", "boot count: 510\n")


def test_time_p_lines() -> None:
    assert passes("real 0.02\nuser 0.00\nsys 0.01\n", "real 0.05\nuser 0.01\nsys 0.00\n")
    assert not passes("real 0.02\nuser 0.00\nsys 0.01\n", "real 0.05\nuser 0.01\nsystem 0.00\n")
    assert not passes("total 0.02\n", "total 0.05\n")


CURL = ("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
        "                                 Dload  Upload   Total   Spent    Left  Speed\n"
        "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0"
        "\r100 2929k  100 2929k    0     0  2835M      0 --:--:-- --:--:-- --:--:-- 2835M\n")


def test_curl_meter_speeds_move_its_sizes_do_not() -> None:
    assert passes(CURL, CURL.replace("2835M", " 391M"))
    assert not passes(CURL, CURL.replace("2835M", " 391M").replace("2929k", "2928k"))
    assert not passes(CURL, CURL.replace("100 2929k  100", " 99 2929k   99"))


VMSTAT = """procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
11  0      0 22314652  38852 1503752    0    0   744  1593 2737 12980 57 23 19  0  0
 7  0      0 22314652  38852 1503752    0    0   892  1160 8299 55146 58 42  0  0  0
"""


def test_vmstat_figures_move_its_header_does_not() -> None:
    later = VMSTAT.replace("892  1160 8299 55146", "12   912 6018 19217")
    assert passes(VMSTAT, later)
    assert not passes(VMSTAT, later.replace(" swpd ", " swap "))
    lost = "\n".join(" ".join(line.split()) for line in later.split("\n"))
    assert not passes(VMSTAT, lost)


# --- JSON logs ---------------------------------------------------------------------------
def test_logger_keys_that_name_a_process_or_a_time_taken() -> None:
    expected = ('{"process": 1601, "thread": 139965304228736, "responseTime": 15.83, '
                '"status": 200, "msg": "ok"}')
    actual = ('{"process": 4313, "thread": 139688074136448, "responseTime": 0.13, '
              '"status": 200, "msg": "ok"}')
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("200", "503"))
    # a process named by a string is data
    assert not passes('{"process": "nginx"}', '{"process": "httpd"}')
    # a timeout is configuration, not a time taken
    assert not passes('{"timeout_ms": 500}', '{"timeout_ms": 600}')


# --- identities seen again, short hex ids ------------------------------------------------
def test_a_pid_known_from_its_context_is_known_bare_elsewhere() -> None:
    expected = "spawned sleep as pid 3880\n3880 sleep 2\n"
    actual = "spawned sleep as pid 6927\n6927 sleep 2\n"
    assert passes(expected, actual)
    assert not passes(expected, "spawned sleep as pid 6927\n6927 sleep 3\n")
    # a bare number that no identity explains is data
    assert not passes("3880 sleep 2\n", "6927 sleep 2\n")
    assert not passes(expected, "spawned sleep as pid 6927\n6928 sleep 2\n")
    assert passes("[3877] worker started\nworker[3877]: ready\n",
                  "[6923] worker started\nworker[6923]: ready\n")
    assert not passes("[3877] worker started\nworker[3877]: ready\n",
                      "[6923] worker stopped\nworker[6923]: ready\n")


def test_a_short_hex_id_may_draw_digits_only() -> None:
    expected = "9549561 first commit\nc0c5aa9 second commit\n"
    assert passes(expected, "ab12cd3 first commit\n7712305 second commit\n")
    assert not passes(expected, "9549562 first commit\nc0c5aa9 second commit\n")
    assert not passes(expected, "ab12cd3 first comit\n7712305 second commit\n")
    assert not passes(expected, "ab12cd3aa first commit\n7712305 second commit\n")


# --- tables: re-aligned, or lost their padding -------------------------------------------
TABLE = ("NAME   PID    TOOK    STATUS\n"
         "web    22853  912us   running\n"
         "db     22856  85us    running\n"
         "cache  22859  1204us  running\n")


def test_a_table_re_aligns_when_a_value_changes_width() -> None:
    wider = ("NAME   PID    TOOK     STATUS\n"
             "web    6593   1912us   running\n"
             "db     6596   85us     running\n"
             "cache  6599   12040us  running\n")
    assert passes(TABLE, wider)


def test_a_table_that_lost_its_padding_fails_even_when_values_changed_width() -> None:
    lost = ("NAME PID TOOK STATUS\n"
            "web 6593 1912us running\n"
            "db 6596 85us running\n"
            "cache 6599 12040us running\n")
    verdict = compare_outputs(TABLE, lost)
    assert not verdict.passed
    assert "aligned" in verdict.explanation or "padding" in verdict.explanation
    # a right-aligned value may fill its own padding
    assert passes("  PID CMD\n  12 sh\n", "  PID CMD\n12345 sh\n")


def test_the_new_rules_name_their_placeholders() -> None:
    text = ("MemFree:        22937500 kB\n4.59 3.14 1.42 11/212 1486\nreal 0.02\n"
            "key HvEmK/Op3PPgtYEImkoIS1mK\n")
    placeholders = normalize(text).placeholders()
    assert set(placeholders) == {"<MEMORY>", "<LOAD>", "<DURATION>", "<TOKEN>"}


def test_paths_are_not_tokens() -> None:
    assert "<TOKEN>" not in normalize("see /usr/lib/python3/dist-packages/PyYAML3x\n").text
    # a relative path may look like one, but a changed one is not random
    assert not passes("see src/LongPathName9/x\n", "see src/LongPathName8/x\n")
    assert not passes("see src/LongPathName9/x\n", "see src/ShortPathNam9/x\n")


TOP = """top - 10:30:29 up 15 min,  0 user,  load average: 7.89, 7.22, 4.10
Tasks: 156 total,  12 running, 130 sleeping,   0 stopped,  14 zombie
%Cpu(s): 40.0 us, 60.0 sy,  0.0 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st
MiB Mem :  24105.6 total,  21746.4 free,   1125.3 used,   1532.1 buff/cache
"""


def test_top_summary_figures_move_its_lines_do_not() -> None:
    later = (TOP.replace("10:30:29", "10:30:31").replace("156 total", "161 total")
             .replace("21746.4", "21700.9"))
    assert passes(TOP, later)
    assert not passes(TOP, "\n".join(later.split("\n")[:2] + later.split("\n")[3:]))
    # the same words elsewhere are data
    assert not passes("Tasks: 156 total\n", "Tasks: 161 total\n")
    assert not passes("Threads:\t1\n", "Threads:\t2\n")


def test_tqdm_time_spent_and_left() -> None:
    done = "100%|##########| 50/50 [00:00<00:00, 3421.55it/s]\n"
    assert passes(done, "100%|##########| 50/50 [00:01<00:00, 45.20it/s]\n")
    assert not passes(done, " 98%|######### | 49/50 [00:01<00:00, 45.20it/s]\n")
    assert not passes("ratio [12:30<13:00]\n", "ratio [12:31<13:00]\n")


def test_a_server_log_pid_before_its_level() -> None:
    expected = ("[2026-12-01 10:00:01 +0000] [4211] [INFO] Listening at: unix:/tmp/a.sock (4211)\n"
                "[2026-12-01 10:00:01 +0000] [4211] [INFO] Booting worker with pid: 4212\n")
    actual = expected.replace("4211", "5907").replace("4212", "5908").replace(":01 ", ":03 ")
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("[INFO] Booting", "[WARNING] Booting"))
    assert not passes(expected, actual.replace("(5907)", "(5906)"))


def test_a_rule_row_follows_the_widths_of_its_columns() -> None:
    expected = "name   seen              n\n-----  ----------------  -\nalpha  1796120698.19001  3\n"
    actual = "name   seen            n\n-----  --------------  -\nalpha  1796120698.191  3\n"
    assert passes(expected, actual)
    # no value changed its width: the rule row is content
    assert not passes(expected, expected.replace("-----  ", "------ "))
    # a column lost
    assert not passes(expected, actual.replace("--------------  -", "--------------"))
