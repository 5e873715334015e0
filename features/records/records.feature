Feature: Records: every session kept, privately, turn by turn

  Background:
    Given the example scenario as "money.yaml"

  Scenario: a played session is recorded and listed
    When I run "ipt-sim play money.yaml --choices counter,follow,own-it --json"
    Then there is 1 recorded session
    And the last record is finished with 3 turns
    And the records file is private to the user
    When I run "ipt-sim sessions --json"
    Then the JSON has "0.scenario" equal to "money-impasse"
    And the JSON has "0.turns" equal to 3
    And the JSON has "0.ending" equal to "renegotiating"
    And the JSON has "0.scores" equal to {"tone": 50, "timing": 67, "nonverbal": 67, "charge": 67, "practice": null, "delivery": 63, "overall": 63}

  Scenario: --no-record keeps nothing
    When I run "ipt-sim play money.yaml --choices acknowledge --no-record"
    Then there are 0 recorded sessions

  Scenario: an unfinished session is resumed where it stopped
    When I run "ipt-sim play money.yaml --yes" typing:
      """
      counter
      """
    Then the last record is unfinished with 1 turns
    When I resume the last recorded session typing:
      """
      follow
      own-it
      """
    Then the exit code is 0
    And the output contains "at turn 2"
    And the output contains "Ending: The real expectation is on the table (positive)"
    And the last record is finished with 3 turns

  Scenario: a finished session cannot be resumed
    When I run "ipt-sim play money.yaml --choices acknowledge"
    And I resume the last recorded session typing:
      """
      1
      """
    Then the exit code is 1
    And the output contains "has already ended (The real expectation is on the table)"

  Scenario: an unknown session id is refused clearly
    When I run "ipt-sim report nosuchid"
    Then the exit code is 1
    And the output is:
      """
      ipt-sim: no recorded session 'nosuchid'; `ipt-sim sessions` lists them
      """

  Scenario: the report renders the debrief from the record
    When I run "ipt-sim play money.yaml --choices counter,follow,own-it"
    And I ask for the last session's report as md
    Then the exit code is 0
    And the output contains "## Ending: The real expectation is on the table (positive)"
    And the output contains "| 1 | **Sam:** “You've spent it again, haven't you? Forty pounds on -- what even is this?”"
    And the output contains:
      """
      | "You're worried about money. I can see that. Can we sit down and look at it together?" |
      """

  Scenario: a session killed mid-way loses nothing but the turn in progress
    When I play "money.yaml" in a real process, answer "counter" and "follow", and kill it while it waits at "Sit down? I've been sitting with this"
    Then the last record is unfinished with 2 turns
    When I resume the last recorded session typing:
      """
      own-it
      """
    Then the exit code is 0
    And the output contains "Resuming session"
    And the output contains "at turn 3"
    And the output contains "Ending: The real expectation is on the table (positive)"
    And the last record is finished with 3 turns
