import Foundation
import NTPDomain
import Testing

/// The 2026-2030 coefficient split of central money: a case worked by hand, and properties on random
/// cases (sums to the đồng, monotone in the coefficient, independent of the order of the communes).
@Suite struct CentralAllocationTests {
    let coefficients = CentralCoefficients.phase2026

    func commune(
        _ id: String, zone: CommuneClassification.Zone? = .outside, border: Bool? = false, safeZone: Bool? = false, villages: Int? = 0
    ) -> CommuneClassification {
        CommuneClassification(
            commune: id, zone: zone, border: border, safeZone: safeZone, island: false, specialZone: false, especiallyDifficultVillages: villages,
            provenance: Provenance("test"))
    }

    /// 1.000.000 đồng over four communes:
    /// - a: zone III with 3 especially difficult villages → 50 + 3 = 53
    /// - b: zone II and border → the highest class, 50 (border), + 0 villages = 50
    /// - c: zone I with 2 villages → 30 + 2 = 32
    /// - d: outside the zones → 25
    /// Sum 160. Exact shares: a 1.000.000 × 53/160 = 331.250; b 312.500; c 200.000; d 156.250: whole
    /// đồng already, adding up to 1.000.000.
    /// With 1.000.001 đồng: a 331.250,33125 → 331.250; b 312.500,3125 → 312.500; c 200.000,2 → 200.000;
    /// d 156.250,15625 → 156.250; 1 đồng left goes to the largest remainder, a (0,33125).
    @Test func aCaseWorkedByHand() throws {
        let communes = [
            commune("d"), commune("c", zone: .zone(.I), villages: 2), commune("b", zone: .zone(.II), border: true),
            commune("a", zone: .zone(.III), villages: 3),
        ]
        let shares = try CentralAllocation.split(Money(dong: 1_000_000), over: communes, coefficients: coefficients)
        #expect(shares.map(\.commune) == ["a", "b", "c", "d"])
        #expect(shares.map(\.coefficient) == [53, 50, 32, 25])
        #expect(shares.map(\.amount.dong) == [331_250, 312_500, 200_000, 156_250])
        let odd = try CentralAllocation.split(Money(dong: 1_000_001), over: communes, coefficients: coefficients)
        #expect(odd.map(\.amount.dong) == [331_251, 312_500, 200_000, 156_250])
    }

    /// The other reading of the village rule: the villages' total competes with the class. A zone I
    /// commune (30) with 35 villages gets 35; with 2 villages, 30.
    @Test func villagesCompetingWithTheClass() throws {
        var rule = coefficients
        rule.villageRule = .highestApplies
        #expect(try rule.coefficient(of: commune("x", zone: .zone(.I), villages: 35)).get() == 35)
        #expect(try rule.coefficient(of: commune("x", zone: .zone(.I), villages: 2)).get() == 30)
        #expect(try coefficients.coefficient(of: commune("x", zone: .zone(.I), villages: 2)).get() == 32)
    }

    /// Unknown is an error naming the commune and what would change its coefficient, never "other";
    /// an unknown flag that cannot change it (a zone III commune's border: 50 either way) is no error.
    @Test func anUnknownClassIsAnErrorNamingTheCommune() throws {
        let unknownZone = commune("lang-son/mau-son", zone: nil, villages: 4)
        #expect(throws: CentralAllocationError.unknownClass(commune: "lang-son/mau-son", attributes: ["ethnic_zone"])) {
            try CentralAllocation.split(Money(dong: 100), over: [unknownZone, commune("b")], coefficients: coefficients)
        }
        let zoneIIIUnknownBorder = commune("c", zone: .zone(.III), border: nil, safeZone: nil)
        #expect(try coefficients.coefficient(of: zoneIIIUnknownBorder).get() == 50)
        let zoneIUnknownBorder = commune("d", zone: .zone(.I), border: nil)
        #expect(throws: CentralAllocationError.unknownClass(commune: "d", attributes: ["border"])) {
            try CentralAllocation.split(Money(dong: 100), over: [zoneIUnknownBorder], coefficients: coefficients)
        }
        let unknownVillages = commune("e", zone: .zone(.III), villages: nil)
        let error = #expect(throws: CentralAllocationError.self) {
            try CentralAllocation.split(Money(dong: 100), over: [unknownVillages, unknownZone], coefficients: coefficients)
        }
        guard case .several(let errors)? = error else { Issue.record("expected every problem, got \(String(describing: error))"); return }
        #expect(errors.contains(.unknownClass(commune: "e", attributes: ["especially_difficult_villages"])))
        #expect(errors.contains { if case .unknownClass("lang-son/mau-son", _) = $0 { true } else { false } })
    }

    @Test func duplicateAndEmptyAreRefused() {
        #expect(throws: CentralAllocationError.duplicateCommune("a")) {
            try CentralAllocation.split(Money(dong: 10), over: [commune("a"), commune("a")], coefficients: coefficients)
        }
        #expect(throws: CentralAllocationError.noCommunes) { try CentralAllocation.split(Money(dong: 10), over: [], coefficients: coefficients) }
    }

    func randomCommunes(_ random: inout SplitMix64, count: Int) -> [CommuneClassification] {
        (0..<count).map { index in
            let zones: [CommuneClassification.Zone] = [.outside, .zone(.I), .zone(.II), .zone(.III)]
            return commune(
                String(format: "c%03d", index), zone: zones[Int(random.next() % 4)], border: random.next() % 5 == 0, safeZone: random.next() % 7 == 0,
                villages: Int(random.next() % 12))
        }
    }

    /// On many random cases: the shares add up to the envelope to the đồng; a commune with a larger
    /// coefficient never gets less; each share is within one đồng of its exact proportion; shuffling
    /// the communes changes nothing.
    @Test func propertiesOnRandomCases() throws {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<300 {
            let communes = randomCommunes(&random, count: 1 + Int(random.next() % 40))
            let envelope = Money(dong: Int64(random.next() % 50_000_000_000_000))
            let shares = try CentralAllocation.split(envelope, over: communes, coefficients: coefficients)
            #expect(shares.reduce(0) { $0 + $1.amount.dong } == envelope.dong)
            let total = Decimal(shares.reduce(0) { $0 + $1.coefficient })
            for share in shares {
                let exact = Decimal(envelope.dong) * Decimal(share.coefficient) / total
                #expect(abs(Decimal(share.amount.dong) - exact) < 1)
            }
            for left in shares {
                for right in shares where left.coefficient > right.coefficient { #expect(left.amount >= right.amount) }
            }
            var shuffled = communes
            for index in shuffled.indices.reversed() { shuffled.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            #expect(try CentralAllocation.split(envelope, over: shuffled, coefficients: coefficients) == shares)
        }
    }
}
