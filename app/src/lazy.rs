//! Pages whose code downloads when first needed: `lazy_page!` makes a route of a page.
//!
//! In the release build (`--cfg wasm_split`, see `xtask/src/build.rs`) each such page is a split
//! point: its code leaves the first download and arrives, in its own chunk, when the route is
//! first visited or preloaded. Builds that skip the splitter (trunk's dev build, wasm-pack's
//! tests) must carry no split point, so there the same route renders the page directly.

/// `lazy_page!(PersonalRoute => PersonalPage)` defines `PersonalRoute`, for
/// `<Route view=Lazy::<PersonalRoute>::new() />` and `preload::<PersonalRoute>()`.
macro_rules! lazy_page {
    ($route:ident => $page:ident) => {
        #[doc = concat!("The route of `", stringify!($page), "`, its code loaded when first needed.")]
        pub struct $route;

        #[cfg(wasm_split)]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$page /> })
            }
        }

        #[cfg(not(wasm_split))]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$page /> })
            }
        }
    };
}

pub(crate) use lazy_page;

/// Starts downloading a lazy page's code in the background, so going there costs no wait.
pub fn preload<R: leptos_router::LazyRoute>() {
    leptos::task::spawn_local(R::preload());
}
