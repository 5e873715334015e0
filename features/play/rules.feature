Feature: One set of rules of play, whoever plays: numbers, deliveries, rewind

  The terminal, scripted play and the browser take their rules from the engine, so a
  reply the browser refuses is refused at the terminal too, with the same words.

  Background:
    Given the example scenario as "money.yaml"

  Scenario: a Unicode digit is not a choice number, and says so without a traceback
    When I run "ipt-sim play money.yaml --choices ² --no-record"
    Then the exit code is 1
    And the output contains "ipt-sim: state 'doorway' has no choice '²'; offered: 1. counter, 2. acknowledge, 3. silence"
    And the output does not contain "Traceback"

  Scenario: a Unicode digit typed at the prompt is refused the same way
    When I run "ipt-sim play money.yaml --yes --no-record" typing:
      """
      ²
      """
    Then the exit code is 1
    And the output contains "ipt-sim: '²' is not a reply here. Please answer with a number from 1 to 3, or type help."
    And the output does not contain "Traceback"

  Scenario: choice numbers start at 1
    When I run "ipt-sim play money.yaml --choices 0 --no-record"
    Then the exit code is 1
    And the output contains "ipt-sim: there is no choice number 0 in state 'doorway'; offered: 1. counter"

  Scenario: scripted play refuses a tone at a fixed-delivery moment, as the browser does
    When I run "ipt-sim play money.yaml --choices acknowledge@hostile@arms_crossed --json --no-record"
    Then the exit code is 1
    And the output contains "ipt-sim: 'acknowledge@hostile@arms_crossed': this moment has no choice of delivery"

  Scenario: rewind counts in ASCII digits only
    When I run "ipt-sim play money.yaml --yes --no-record" typing:
      """
      1
      rewind ²
      """
    Then the exit code is 1
    And the output contains "ipt-sim: 'rewind ²': say how many replies to take back, e.g. 'rewind 2'"

  Scenario: at a delivery-choice moment only the tones on offer can be picked
    Given the test scenario "delivery.yaml"
    When I run "ipt-sim play delivery.yaml --choices no-kindly@hostile --json --no-record"
    Then the exit code is 1
    And the output contains "ipt-sim: 'no-kindly@hostile': 'hostile' is not one of the tones on offer"
