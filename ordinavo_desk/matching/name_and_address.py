"""The name-and-address fallbacks: the exact one (ExternalIdFirst's ExactNameAndAddress)
and the scored one with its Strong and Ambiguity gates (ExternalIdThenNameAndAddress)."""

from __future__ import annotations

from ordinavo_desk.domain.enums import WarningCode
from ordinavo_desk.matching.item_run import EPSILON, ItemRun
from ordinavo_desk.matching.pair_scores import PairScore
from ordinavo_desk.matching.scoring import location_keys

AMBIGUOUS = WarningCode.AMBIGUOUS_NAME_AND_ADDRESS.value


def exact_name_and_address(run: ItemRun) -> int | None:
    """The one customer whose normalised name, street, house number and postal code all
    equal the item's; several such customers are an ambiguity."""
    probe = run.probe
    keys = probe.keys
    if not probe.name_key or keys.street is None or keys.postal_code is None:
        run.step("exact name and address: the item lacks a name, street or postal code")
        return None
    matches: list[int] = []
    budget = run.index.limits.block_cap
    for customer_id in run.tenant.customers_named(probe.name_key):
        for location_id in run.tenant.location_ids(customer_id):
            budget -= 1
            location = run.tenant.location(location_id)
            if location is None:
                continue
            stored = location_keys(location)
            if stored.street == keys.street and stored.postal_code == keys.postal_code:
                matches.append(customer_id)
                break
        if budget <= 0:
            break
    if len(matches) == 1:
        run.step(
            f"exact name and address → customer {matches[0]}", "exact name and address → a customer"
        )
        return matches[0]
    if matches:
        run.warn(WarningCode.AMBIGUOUS_NAME_AND_ADDRESS)
        run.ambiguous = True
        ids = ", ".join(str(m) for m in matches)
        run.step(
            f"exact name and address match customers {ids}: {AMBIGUOUS}",
            f"exact name and address match {len(matches)} customers: {AMBIGUOUS}",
        )
        return None
    run.step("exact name and address: no customer matches")
    return None


def name_and_address(run: ItemRun) -> PairScore | None:
    """The strong candidate, if there is one; else raise the ambiguity when the best score
    or some customer's name score alone reaches the threshold."""
    gates = run.settings.name_and_address
    pairs = run.pairs
    if not pairs:
        if run.search.address_shared:
            bound = 1.0 - run.policy.name_weight
            run.step(
                "name and address: no candidate's name resembles the item's, and the "
                f"address alone scores at most {bound:.2f}, below the threshold "
                f"{gates.threshold:.2f}: no candidate worth linking"
            )
        else:
            run.step("name and address: no candidate shares a name word or an address key")
        return None
    best = pairs[0]
    runner_up = max((p.score for p in pairs if p.customer_id != best.customer_id), default=0.0)
    reaches = best.score >= gates.threshold - EPSILON
    agrees = best.address_agrees(gates.coordinate_agreement_meters)
    clear = runner_up <= best.score - gates.margin + EPSILON
    where = f"customer {best.customer_id}" + (
        f" at location {best.location_id}" if best.location_id is not None else ""
    )
    figures = f"score {best.score:.2f}, best other customer {runner_up:.2f}"
    if reaches and agrees and clear:
        run.step(
            f"name and address → {where} ({figures}): strong",
            f"name and address → a customer ({figures}): strong",
        )
        return best
    name_hit = next((p for p in pairs if p.name_score >= gates.threshold - EPSILON), None)
    if reaches or name_hit is not None:
        if not reaches and name_hit is not None:
            why = (
                f"the name of customer {name_hit.customer_id} alone scores "
                f"{name_hit.name_score:.2f} but the address differs",
                f"a known customer's name alone scores {name_hit.name_score:.2f} "
                "but the address differs",
            )
        elif not agrees:
            why = (
                f"{where} scores {best.score:.2f} but the address does not agree",
                f"the best candidate scores {best.score:.2f} but the address does not agree",
            )
        else:
            why = (
                f"{where} scores {best.score:.2f}, another customer {runner_up:.2f}: "
                f"closer than the margin {gates.margin:.2f}",
                f"two customers score {best.score:.2f} and {runner_up:.2f}: closer than "
                f"the margin {gates.margin:.2f}",
            )
        run.warn(WarningCode.AMBIGUOUS_NAME_AND_ADDRESS)
        run.ambiguous = True
        run.step(
            f"name and address: {why[0]}: {AMBIGUOUS}", f"name and address: {why[1]}: {AMBIGUOUS}"
        )
        return None
    run.step(
        f"name and address: best {where} scores {best.score:.2f}, below the threshold "
        f"{gates.threshold:.2f}: no candidate worth linking",
        f"name and address: the best candidate scores {best.score:.2f}, below the threshold "
        f"{gates.threshold:.2f}: no candidate worth linking",
    )
    return None
