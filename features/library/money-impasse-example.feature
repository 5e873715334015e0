Feature: The format doc's example, through the published author steps

  Scenario: acknowledging the worry de-escalates
    Given the scenario "tests/data/valid/money-impasse.yaml"
    When I choose "acknowledge"
    Then Sam's charge is 4
    And the trust meter is 5
    And the tone is rated good
    And the session ends in "renegotiating"
