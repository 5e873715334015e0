@validate
Feature: Checking scenarios with ipt-sim validate
  A course leader writes scenarios in YAML and runs `ipt-sim validate` before sharing them.
  Every problem of every file is reported at once, one line each, at the line and column
  of the key or value concerned, with a suggestion where a near name exists. A file made to
  cause harm gets the same kind of plain answer, and nothing in it is run.

  Scenario: A misspelt tone gets a did-you-mean at its line and column
    Given the example scenario as "money.yaml" with "tone: calm" replaced by "tone: clam"
    When I run "ipt-sim validate money.yaml"
    Then the exit code is 1
    And the output is:
      """
      money.yaml:44:15: error: unknown tone 'clam' -- did you mean 'calm'? [E301]
      1 file checked: 1 error
      """

  Scenario: Several problems in two files are all reported at once
    Given a scenario file "drafts/dad.yaml" containing:
      """
      version: 1
      id: Dads-Kitchen
      title: Dad's kitchen
      area: grief
      stage: impasse
      perspective: client
      """
    And the example scenario as "drafts/money.yaml" with "goto: still-hot" replaced by "goto: stil-hot"
    When I run "ipt-sim validate drafts"
    Then the exit code is 1
    And the output is:
      """
      drafts/dad.yaml:1:1: error: the scenario is missing the required key 'characters' [E203]
      drafts/dad.yaml:1:1: error: the scenario is missing the required key 'meters' [E203]
      drafts/dad.yaml:1:1: error: the scenario is missing the required key 'start' [E203]
      drafts/dad.yaml:1:1: error: the scenario is missing the required key 'states' [E203]
      drafts/dad.yaml:1:1: error: the scenario is missing the required key 'endings' [E203]
      drafts/dad.yaml:2:5: error: scenario id 'Dads-Kitchen' is not a slug (lowercase letters and digits, single - between them) [E208]
      drafts/dad.yaml:5:1: error: 'stage' is only for role_dispute scenarios; this one's area is 'grief' [E210]
      drafts/money.yaml:71:19: error: unknown state 'stil-hot' -- did you mean 'still-hot'? [E302]
      2 files checked: 8 errors
      """

  Scenario Outline: Warnings let a scenario pass, unless --strict
    Given a scenario file "garden.yaml" containing:
      """
      version: 1
      id: first-words
      title: First words about Mum
      area: grief
      perspective: client
      characters:
        dad: {name: Dad, role: "your father, widowed last spring"}
      meters:
        charge: {start: 5, min: 0, max: 10}
      start: kitchen
      states:
        kitchen:
          speaker: dad
          says: I don't want to talk about your mother.
          choices:
            - id: stay
              say: That's all right. I'm here when you want to.
              tone: warm
              nonverbal: [sit_down]
              timing: well_timed
              effects: {charge: -1}
              next: teapot
            - id: push
              say: We have to talk about her some time, Dad.
              tone: irritated
              nonverbal: [standing_over]
              timing: premature
              effects: {charge: +2}
              next: door
        teapot: {speaker: dad, says: "She always made the tea.", ending: closer}
        door: {speaker: dad, says: Not now., ending: further}
        garden: {speaker: dad, says: Her roses came up again., ending: closer}
      endings:
        closer: {title: A first memory shared, outcome: positive, debrief: Dad named one small thing he misses.}
        further: {title: The door closes, outcome: negative, debrief: Pushing made it harder for him to speak.}
      """
    When I run "ipt-sim validate <options> garden.yaml"
    Then the exit code is <exit code>
    And the output is:
      """
      garden.yaml:32:3: warning: state 'garden' cannot be reached from start 'kitchen' [W101]
      1 file checked: 1 warning
      """

    Examples:
      | options  | exit code |
      |          | 0         |
      | --strict | 1         |

  Scenario: JSON output for editors and scripts
    Given the example scenario as "money.yaml" with "tone: calm" replaced by "tone: clam"
    When I run "ipt-sim validate --format json money.yaml"
    Then the exit code is 1
    And the JSON output is:
      """
      [
        {
          "file": "money.yaml",
          "line": 44,
          "col": 15,
          "severity": "error",
          "code": "E301",
          "message": "unknown tone 'clam' -- did you mean 'calm'?"
        }
      ]
      """

  Scenario: A file that would expand to billions of values gets a clean error
    Given a scenario file "laughs.yaml" containing:
      """
      a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
      f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
      g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
      h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
      i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
      """
    When I run "ipt-sim validate laughs.yaml"
    Then the exit code is 1
    And the output is:
      """
      laughs.yaml:7:8: error: the document holds more than 1,000,000 values (aliases expanded); a scenario never needs this [E101]
      1 file checked: 1 error
      """
    And there is no traceback

  Scenario: Python code in a tag is refused, not run
    Given the example scenario as "money.yaml" with "title: The same argument about money" replaced by "title: !!python/object/apply:os.system ['touch hacked.txt']"
    When I run "ipt-sim validate money.yaml"
    Then the exit code is 1
    And the output is:
      """
      money.yaml:3:8: error: tag '!!python/object/apply:os.system' is not allowed: scenarios are plain YAML (text, numbers, lists, mappings) [E104]
      money.yaml:3:8: error: title must be text, not a list [E205]
      1 file checked: 2 errors
      """
    And there is no file "hacked.txt"
    And there is no traceback

  Scenario: Ten thousand nested lists
    Given a file "deep.yaml" of 10000 nested lists
    When I run "ipt-sim validate deep.yaml"
    Then the exit code is 1
    And the output is:
      """
      deep.yaml:1:65: error: nesting is deeper than 64 levels; a scenario never needs this [E105]
      1 file checked: 1 error
      """
    And there is no traceback

  Scenario: No file to check is a usage error
    When I run "ipt-sim validate"
    Then the exit code is 2
    And the output is:
      """
      Usage: ipt-sim validate [OPTIONS] PATHS...
      Try 'ipt-sim validate --help' for help.

      Error: Missing argument 'PATHS...'.
      """
