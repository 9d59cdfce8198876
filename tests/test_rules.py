"""Every rule a problem names is in the one catalogue, casekit.package.rules.RULES."""

import ast
from pathlib import Path

import casekit
from casekit.package.rules import RULES

CASEKIT = Path(casekit.__file__).resolve().parent
#: Calls that make a problem, and the position of their rule argument.
RULE_ARGUMENT = {"problem": 0, "_text_problem": 1, "report": 1, "add": 1}


def rules_named_in_code() -> dict[str, str]:
    found = {}
    for path in [*(CASEKIT / "package").glob("*.py"), *(CASEKIT / "research").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg == "rule"]
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = RULE_ARGUMENT.get(name)
            if position is not None and len(node.args) > position:
                values.append(node.args[position])
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found[value.value] = f"{path.name}:{node.lineno}"
    return found


def test_every_rule_is_in_the_catalogue():
    named = rules_named_in_code()
    assert {"missing-file", "type", "allowed-values", "foreign-key", "conflict"} <= set(named)
    unknown = {rule: where for rule, where in named.items() if rule not in RULES}
    assert not unknown, f"rules missing from RULES: {unknown}"


def test_every_catalogued_rule_is_used():
    assert set(RULES) <= set(rules_named_in_code())
