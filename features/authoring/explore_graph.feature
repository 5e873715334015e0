Feature: Seeing a scenario whole: explore every play, draw the graph

  Background:
    Given the example scenario as "money.yaml"

  Scenario: explore reports every ending, the plays, and the best and worst scores
    When I run "ipt-sim explore money.yaml"
    Then the exit code is 0
    And the output contains "renegotiating    positive  1 to 3 turns; shortest: acknowledge"
    And the output contains "Plays: 6 distinct plays reach an ending"
    And the output contains "Best overall score: 100, in 1 turn: acknowledge"
    And the output contains "Worst overall score: 0, in 2 turns: counter, let-go"

  Scenario: explore as JSON
    When I run "ipt-sim explore money.yaml --json"
    Then the JSON has "endings.renegotiating.shortest" equal to ["acknowledge"]
    And the JSON has "endings.impasse-deepens.min_turns" equal to 2
    And the JSON has "plays" equal to 6
    And the JSON has "worst.path" equal to ["counter", "let-go"]
    And the JSON has "unvisited" equal to {"states": [], "choices": []}

  Scenario: a graph labels choices, conditions and endings
    When I run "ipt-sim graph money.yaml --format dot"
    Then the exit code is 0
    And the output contains "digraph"
    And the output contains "when charge >= 7"

  Scenario: one recorded session's path is highlighted
    When I run "ipt-sim play money.yaml --choices counter,let-go --json"
    And I graph the last session of "money.yaml" as mermaid
    Then the exit code is 0
    And the output contains "linkStyle"

  Scenario: a session of another scenario is refused
    Given the test scenario "delivery.yaml"
    When I run "ipt-sim play delivery.yaml --choices no-kindly --json"
    And I graph the last session of "money.yaml" as mermaid
    Then the exit code is 1
    And the output contains "is of scenario 'delivery-practice', not 'money-impasse'"
