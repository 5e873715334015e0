Feature: Say it in your own words: typed replies, understood offline

  A scenario with `free_text: true` can be played with `--free`: the learner types what
  they would say, and it is matched, on their own machine, to the reply it means.

  Background:
    Given the example scenario as "money.yaml" with "version: 1" replaced by "version: 1\nfree_text: true"

  Scenario: a typed paraphrase is played as the reply it means
    When I run "ipt-sim play money.yaml --free --yes --no-record" typing:
      """
      I can tell the money is worrying you. Shall we sit down and look at it together?
      """
    Then the exit code is 0
    And the output, read as prose, contains "Taken as: “You're worried about money. I can see that. Can we sit down and look at it together?”"
    And the output contains "tone      [+] good: Your calm tone fitted the moment."
    And the output contains "Ending: The real expectation is on the table (positive)"
    And the output, read as prose, contains "You typed: "I can tell the money is worrying you. Shall we sit down and look at it together?""

  Scenario: when unsure, it asks which reply was meant
    When I run "ipt-sim play money.yaml --free --yes --no-record --mode assess" typing:
      """
      calm down and let's look
      1
      """
    Then the exit code is 0
    And the output contains "  Which did you mean? Answer with a number, or say it another way."
    And the output, read as prose, contains "1. “You're worried about money. I can see that. Can we sit down and look at it together?” [calm, eye contact, sit down] 2. “Me? You bought a new phone last month!” [defensive, arms crossed, raised voice]"
    And the output contains "Ending: The real expectation is on the table (positive)"

  Scenario: a reply that means none of them is not understood, and nothing is played
    When I run "ipt-sim play money.yaml --free --yes --no-record --mode assess" typing:
      """
      What's for dinner tonight?
      2
      """
    Then the exit code is 0
    And the output, read as prose, contains "Not understood: that is not close to anything this moment's replies say, so nothing was played. Say it another way, or answer with the number of one of the written replies below."
    And the output contains "  3. (stay silent)"
    # assess mode: the written replies are shown without their tone and cue labels
    And the output does not contain "[neutral, look_away]"
    And the output contains "Ending: The real expectation is on the table (positive)"
    And the output contains "Scores: tone 100  timing 100  nonverbal 100  charge 100  overall 100"

  Scenario: an empty reply is the silent choice
    When I run "ipt-sim play money.yaml --free --yes --no-record --mode assess" typing:
      """

      """
    Then the output contains "  Taken as: (staying silent)"
    And the output contains "Sam: This is exactly what I mean. You never take anything seriously."

  Scenario: an author's examples change what a reply is taken as
    When I run "ipt-sim match money.yaml doorway "Let's go through the statement together, calmly.""
    Then the output contains "-> not understood (nearest 'acknowledge', 0.16)"
    Given the example scenario as "money.yaml" with "        tone: calm\n" replaced by "        examples: [Let's go through the statement calmly, together.]\n        tone: calm\n"
    When I run "ipt-sim match money.yaml doorway "Let's go through the statement together, calmly.""
    Then the output contains "-> played as 'acknowledge' (0.90)"

  Scenario: feedback on the learner's own words names the words
    When I run "ipt-sim play money.yaml --free --yes --no-record" typing:
      """
      Sorry, but you always do this! You bought a phone last month, why do you never mention that?
      """
    Then the output, read as prose, contains "Taken as: “Me? You bought a new phone last month!”"
    And the output, read as prose, contains "your words: “you always”, “you never”: turns one moment into a verdict on the person; expect defence rather than listening."
    And the output, read as prose, contains "“why do you never mention that?”: a “why” question can sound like a demand to justify; “what happened” asks the same more gently."
    And the output, read as prose, contains "“Sorry, but”: the “but” takes the apology back; try stopping after the apology."

  Scenario: match --json shows every text against all of the state's choices
    When I run "ipt-sim match money.yaml doorway "You bought a phone yourself!" "Is it sunny out?" --json"
    Then the exit code is 0
    And the JSON has "0.choice" equal to "counter"
    And the JSON has "0.alternatives.0.choice" equal to "counter"
    And the JSON has "1.choice" equal to null
    And the JSON has "1.verdict" equal to "not understood"
    And the JSON has "1.alternatives.2.choice" equal to "silence"

  Scenario: a scenario that does not take typed replies says so
    Given the example scenario as "plain.yaml"
    When I run "ipt-sim play plain.yaml --free --yes --no-record"
    Then the exit code is 1
    And the output contains "ipt-sim: 'The same argument about money' does not take typed replies: its author has not set `free_text: true`. Play it without --free to choose among the written replies."
