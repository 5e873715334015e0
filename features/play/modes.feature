Feature: Coach and assess modes, rewind and pause

  Background:
    Given the example scenario as "money.yaml"

  Scenario: coach mode gives feedback after every reply, with hints
    When I run "ipt-sim play money.yaml --yes --no-record" typing:
      """
      2
      """
    Then the exit code is 0
    And the output contains "Coach: Notice the jaw before you answer the words."
    And the output contains "Sam's charge [######....] 6/10"
    And the output contains "tone      [+] good: Your calm tone fitted the moment."
    And the output contains "Ending: The real expectation is on the table (positive)"

  Scenario: assess mode gives no hints, and feedback only in the debrief
    When I run "ipt-sim play money.yaml --mode assess --yes --no-record" typing:
      """
      2
      """
    Then the exit code is 0
    And the output does not contain "Coach:"
    And the output does not contain "Sam's charge ["
    And the output does not contain "tone      [+] good"
    And the output contains "Scores: tone 100  timing 100  nonverbal 100  charge 100  overall 100"
    And the output contains "Communication analysis"

  Scenario: rewind takes back a reply, and the record keeps both attempts
    When I run "ipt-sim play money.yaml --yes" typing:
      """
      1
      rewind
      2
      """
    Then the exit code is 0
    And the output contains "Your last reply is taken back. Try something else."
    And the output contains "Ending: The real expectation is on the table (positive)"
    And the last record holds 2 attempts, 1 taken back
    And the last record is finished with 1 turns

  Scenario: in coach mode an ending that went badly can be taken back before the debrief
    When I run "ipt-sim play money.yaml --yes" typing:
      """
      1
      2
      rewind
      1
      1
      """
    Then the exit code is 0
    And the output, read as prose, contains "Sam: I'm going to my sister's. (door closes)"
    And the output, read as prose, contains "In coach mode you can take that back: type 'rewind' to try your last reply another way, or press Enter for the debrief. Your last reply is taken back. Try something else."
    And the output contains "Ending: The real expectation is on the table (positive)"
    And the output does not contain "The impasse deepens"
    And the last record holds 4 attempts, 1 taken back
    And the last record is finished with 3 turns

  Scenario: Enter at a bad ending goes on to the debrief, where a client sees no row of scores
    When I run "ipt-sim play money.yaml --yes" typing:
      """
      1
      2

      """
    Then the exit code is 0
    And the output contains "Ending: The impasse deepens (negative)"
    And the output, read as prose, contains "No scores this time: a rehearsal that ended this way is better read reply by reply, below, with what else you could have said. You can play it again whenever you are ready."
    And the output does not contain "Scores:"
    And the output contains "Charge 8 -> 10. tone poor, timing poor, nonverbal poor, charge poor"
    And the last record is finished with 2 turns

  Scenario: a trainee's bad ending keeps its row of scores, as a trainer grades it
    Given the test scenario "after-the-cue.yaml"
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work,tissues --no-record"
    Then the output contains "Ending: Back on the surface (negative)"
    And the output contains "Scores: tone 100  timing 50  nonverbal 100  charge 25  practice 0  delivery 69"
    And the output does not contain "No scores this time"

  Scenario: Ctrl-C at a bad ending stops with the session ended, not offered for resuming
    When I play "money.yaml" in a real process, type "1, 2" and press Ctrl-C at "take that back"
    Then the exit code is 130
    And the output contains "Stopped at the ending (Ctrl-C); the session has ended. `ipt-sim report "
    And the output does not contain "ipt-sim resume"
    And there is no traceback
    And the last record is finished with 2 turns

  Scenario: assess mode offers no take-back at a bad ending
    When I run "ipt-sim play money.yaml --mode assess --yes --no-record" typing:
      """
      1
      2
      """
    Then the exit code is 0
    And the output contains "Ending: The impasse deepens (negative)"
    And the output does not contain "take that back"

  Scenario: there is no rewind in assess mode
    When I run "ipt-sim play money.yaml --mode assess --yes --no-record" typing:
      """
      1
      rewind
      """
    Then the exit code is 1
    And the output contains "ipt-sim: rewind is only available in coach mode"

  Scenario: rewind before any reply says so
    When I run "ipt-sim play money.yaml --yes --no-record" typing:
      """
      rewind
      """
    Then the exit code is 1
    And the output contains "ipt-sim: there is nothing to take back yet"

  Scenario: pause stops at once, without judgement, and can be resumed
    When I run "ipt-sim play money.yaml --yes" typing:
      """
      1
      pause
      """
    Then the exit code is 0
    And the output contains "Paused. Nothing is judged when you pause; take the time you need. Continue later with: ipt-sim resume"
    And the output does not contain "Scores:"
    And the last record is unfinished with 1 turns

  Scenario: the end of input stops cleanly with one line
    When I run "ipt-sim play money.yaml --yes" typing:
      """
      1
      """
    Then the exit code is 0
    And the output contains "Session stopped (end of input) after 1 turn. Continue later with: ipt-sim resume"
    And there is no traceback

  Scenario: a scenario with a content note is briefed before play
    When I run "ipt-sim play money.yaml --choices acknowledge --no-record"
    Then the output contains "Content note: Raised voices; talk of separating."
    And the output contains "What to practise:"

  Scenario: rewind can take back several replies at once
    When I run "ipt-sim play money.yaml --yes" typing:
      """
      1
      1
      rewind 2
      2
      """
    Then the exit code is 0
    And the output contains "Your last 2 replies are taken back. Try something else."
    And the output contains "Ending: The real expectation is on the table (positive)"
    And the last record holds 3 attempts, 2 taken back

  Scenario: a therapist-side debrief names the IPT techniques used well, misapplied and missed
    Given the test scenario "after-the-cue.yaml"
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,go-back,stay --no-record"
    Then the output contains "IPT techniques used well: Risk assessment, Encouragement of affect."
    And the output, read as prose, contains "Attempted, misapplied: Reassurance. After 'what's the point', ask about safety before anything else."
    And the output does not contain "Missed where called for"

  Scenario: Ctrl-C stops cleanly with one line, and the session can be resumed
    When I play "money.yaml" in a real process and press Ctrl-C at "(stay silent)"
    Then the exit code is 130
    And the output contains "Session stopped (Ctrl-C) after 0 turns. Continue later with: ipt-sim resume"
    And there is no traceback

  Scenario: a session that ends badly closes with grounding and where to find help
    When I run "ipt-sim play money.yaml --choices counter,let-go --no-record --region GB"
    Then the output contains "Ending: The impasse deepens (negative)"
    And the output, read as prose, contains "take a slow breath, feel your feet on the floor"
    And the output, read as prose, contains "What you practised matters"
    And the output does not contain "nothing said here was real"
    And the output contains "If you need support now:"
    And the output contains "Samaritans: call 116 123, free, any time."

  Scenario: a session that ends well has no grounding note
    When I run "ipt-sim play money.yaml --choices acknowledge --no-record"
    Then the output does not contain "take a slow breath"
